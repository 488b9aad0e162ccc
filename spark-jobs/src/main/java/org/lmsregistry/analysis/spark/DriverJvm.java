package org.lmsregistry.analysis.spark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM the driver runs in, as far as it explains an analysis' timings: Java version, garbage collectors, heap
 * limit and cores. Recorded beside the timings ({@code analyse.json}), because the same analysis takes 12-17%
 * longer on one machine under G1 (the JVM's default collector) than under the parallel collector
 * ({@code docs/benchmarks.md}: Spark's 1 MB buffers and broadcast hash tables are "humongous" objects to G1 with a
 * 4 GB heap, and each one can start a concurrent marking cycle). The jar cannot choose its own collector, so a
 * one-machine run under G1 is told how to start it.
 */
public final class DriverJvm {

    private DriverJvm() {
    }

    /** The names of this JVM's garbage collectors, e.g. {@code G1 Young Generation} or {@code PS Scavenge}. */
    public static List<String> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /** Java version, collectors, heap limit (MB) and available cores of this JVM. */
    public static Map<String, Object> describe() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("javaVersion", Runtime.version().toString());
        jvm.put("garbageCollectors", collectors());
        jvm.put("maxHeapMegabytes", Runtime.getRuntime().maxMemory() >> 20);
        jvm.put("cores", Runtime.getRuntime().availableProcessors());
        return jvm;
    }

    /**
     * A note for an analysis run in-process ({@code local} master) by a JVM collecting with G1: how to start it with
     * the parallel collector. Empty on a cluster (the cluster's JVM options are its administrator's) and under any
     * other collector.
     */
    public static Optional<String> collectorNote(String master, List<String> collectors) {
        boolean local = master != null && master.startsWith("local");
        boolean g1 = collectors.stream().anyMatch(c -> c.startsWith("G1 "));
        if (!local || !g1) {
            return Optional.empty();
        }
        return Optional.of("note: this JVM collects garbage with G1; an analysis on one machine runs about 12-17% "
                + "faster with the parallel collector: java -XX:+UseParallelGC -Xmx4g -jar lms-spark-jobs.jar ... "
                + "(docs/spark-jobs.md)");
    }
}
