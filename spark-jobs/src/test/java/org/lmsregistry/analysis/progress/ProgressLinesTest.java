package org.lmsregistry.analysis.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.TestSpark;

/** The progress lines a real Spark job produces: one per stage end at least, counts that only grow. */
class ProgressLinesTest {

    @Test
    void aSparkJobReportsItsStagesAndTasks() throws Exception {
        SparkSession spark = TestSpark.session();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLines listener = new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        SparkContext sc = spark.sparkContext();
        sc.addSparkListener(listener);
        try {
            // two stages (a shuffle), 3 + 4 tasks
            long groups = spark.range(0, 10_000, 1, 3).groupBy(org.apache.spark.sql.functions.expr("id % 7"))
                    .count().repartition(4).count();
            assertThat(groups).isEqualTo(7);
        } finally {
            sc.listenerBus().waitUntilEmpty();
            sc.removeSparkListener(listener);
        }
        List<String> lines = Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty().allMatch(l -> l.matches("lms-progress jobs=\\d+/\\d+ stages=\\d+/\\d+ tasks=\\d+/\\d+"));
        String last = lines.get(lines.size() - 1);
        String[] tasks = last.replaceAll(".*tasks=", "").split("/");
        assertThat(tasks[0]).as("every submitted task finished: %s", last).isEqualTo(tasks[1]);
        assertThat(Long.parseLong(tasks[1])).isGreaterThanOrEqualTo(3);
        assertThat(last).contains("jobs=" + last.replaceAll(".*jobs=\\d+/(\\d+).*", "$1") + "/");
    }

    @Test
    void theLineFormatIsStable() {
        assertThat(ProgressLines.line(1, 2, 3, 4, 9, 8)).isEqualTo("lms-progress jobs=1/2 stages=3/4 tasks=8/8");
    }
}
