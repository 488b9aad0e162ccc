package org.lmsregistry.analysis.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession every test class shares ({@code local[2]}, few shuffle partitions, no UI): a
 * session costs seconds to start, and the tests run in one JVM (surefire reuses its fork).
 */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.getOrCreate("lms-spark-jobs-tests", Map.of(
                    "spark.master", "local[2]",
                    "spark.sql.shuffle.partitions", "4",
                    "spark.default.parallelism", "4",
                    "spark.ui.enabled", "false",
                    "spark.sql.adaptive.enabled", "true"));
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
