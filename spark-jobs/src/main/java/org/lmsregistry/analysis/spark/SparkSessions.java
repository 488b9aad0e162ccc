package org.lmsregistry.analysis.spark;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the jobs' SparkSession. The master is whatever the launcher configured ({@code spark-submit
 * --master ...} sets the {@code spark.master} system property, which {@link SparkConf} reads); with no
 * master configured the jobs run in-process on {@code local[*]}, with a few shuffle partitions per core (not
 * Spark's 200) and without adaptive query execution. Session time zone is UTC so that no
 * result depends on the machine's zone (the registry stores no dates, but Spark formats timestamps in
 * logs and file metadata).
 */
public final class SparkSessions {

    /** The master used when none is configured. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * The session for a job: an existing active session is reused (tests, notebooks), otherwise one is
     * created with the given extra settings (e.g. from {@code --conf key=value}).
     */
    public static SparkSession getOrCreate(String appName, Map<String, String> settings) {
        scala.Option<SparkSession> active = SparkSession.getDefaultSession();
        if (active.isDefined() && !active.get().sparkContext().isStopped()) {
            SparkSession existing = active.get();
            settings.forEach((k, v) -> {
                if (!k.equals("spark.master") && existing.conf().isModifiable(k)) {
                    existing.conf().set(k, v);
                }
            });
            return existing;
        }
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            // Spark's default of 200 shuffle partitions turns every join of a local run into hundreds of tiny
            // tasks; a few per core is what one machine can use (clusters keep their own setting)
            conf.setIfMissing("spark.sql.shuffle.partitions",
                    Integer.toString(4 * Runtime.getRuntime().availableProcessors()));
            // the cached patient table is small next to the heap of one machine; building it uncompressed
            // saves the compressibility scans of every string column (about 6% of the CPU of a 10M-exam run)
            conf.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
            // adaptive execution re-plans every query after each shuffle stage; with a few fixed partitions per core
            // there is nothing for it to coalesce, and the analysis set at 10M exams took 1-5 s less without it
            // (same results; docs/benchmarks.md)
            conf.setIfMissing("spark.sql.adaptive.enabled", "false");
        }
        settings.forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** The master of a session, e.g. {@code local[*]} or {@code spark://host:7077}. */
    public static String master(SparkSession spark) {
        return spark.sparkContext().master();
    }
}
