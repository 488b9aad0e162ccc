package org.lmsregistry.analysis.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.spark.SparkSessions;

import picocli.CommandLine.Option;

/** Options every job has: where Spark runs and extra Spark settings. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077 (default: the one spark-submit "
                    + "configured, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** The session for a job. */
    public SparkSession session(String job) {
        Map<String, String> settings = new LinkedHashMap<>(conf);
        if (master != null) {
            settings.put("spark.master", master);
        }
        return SparkSessions.getOrCreate("lms-" + job, settings);
    }
}
