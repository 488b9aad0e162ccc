package org.lmsregistry.analysis.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DriverJvmTest {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation");
    private static final List<String> PARALLEL = List.of("PS Scavenge", "PS MarkSweep");

    @Test
    void aLocalRunUnderG1IsToldHowToStartWithTheParallelCollector() {
        assertThat(DriverJvm.collectorNote("local[*]", G1)).hasValueSatisfying(note -> assertThat(note)
                .contains("G1").contains("-XX:+UseParallelGC").contains("docs/spark-jobs.md"));
        assertThat(DriverJvm.collectorNote("local[2]", G1)).isPresent();
    }

    @Test
    void noNoteOnAClusterUnderAnotherCollectorOrWithoutAMaster() {
        assertThat(DriverJvm.collectorNote("spark://127.0.0.1:7077", G1)).isEmpty();
        assertThat(DriverJvm.collectorNote("local[*]", PARALLEL)).isEmpty();
        assertThat(DriverJvm.collectorNote("local[*]", List.of("Copy", "MarkSweepCompact"))).isEmpty();
        assertThat(DriverJvm.collectorNote(null, G1)).isEmpty();
    }

    @Test
    void describesThisJvm() {
        Map<String, Object> jvm = DriverJvm.describe();
        assertThat(jvm).containsOnlyKeys("javaVersion", "garbageCollectors", "maxHeapMegabytes", "cores");
        assertThat(jvm.get("javaVersion")).isEqualTo(Runtime.version().toString());
        assertThat(jvm.get("garbageCollectors")).isEqualTo(DriverJvm.collectors());
        assertThat(DriverJvm.collectors()).isNotEmpty();
        assertThat((Long) jvm.get("maxHeapMegabytes")).isPositive();
        assertThat(jvm.get("cores")).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
