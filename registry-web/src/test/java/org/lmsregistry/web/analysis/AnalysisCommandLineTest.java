package org.lmsregistry.web.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisCommandLineTest {

    private static final Path JAR = Path.of("/opt/lms/lms-spark-jobs.jar");
    private static final Path JAVA = Path.of("/usr/lib/jvm/17/bin/java");

    @Test
    void aLocalRunIsAChildJvmOnTheJarWithTheMasterAndTheProgressListener() {
        AnalysisCommandLine local = new AnalysisCommandLine(JAR, JAVA, null, "local[*]", "3g");
        assertThat(local.snapshot("jdbc:postgresql://localhost:5432/lms", Path.of("/w/run-7/snapshot")))
                .containsExactly("/usr/lib/jvm/17/bin/java", "-Xmx3g", "-XX:+UseParallelGC", "-Djava.awt.headless=true",
                        "-jar", "/opt/lms/lms-spark-jobs.jar", "snapshot", "--jdbc-url",
                        "jdbc:postgresql://localhost:5432/lms", "--out", "/w/run-7/snapshot", "--master", "local[*]",
                        "--conf", "spark.extraListeners=org.lmsregistry.analysis.progress.ProgressLines");
    }

    @Test
    void theAnalysisGetsTheSnapshotTheCohortTheOutputAndTheRequestsOptions() {
        AnalysisCommandLine local = new AnalysisCommandLine(JAR, JAVA, null, "local[2]", "2g");
        AnalysisRequest request = AnalysisRequest.of("associations",
                "{\"outcome\":\"death\",\"horizonDays\":730,\"minCell\":11,\"adjust\":[\"grade\",\"size\"]}", null);
        List<String> command = local.analysis(request.kind(), Path.of("/w/s"), Path.of("/w/cohort.json"),
                Path.of("/w/out"), request.jobOptions());
        assertThat(command.subList(6, command.size())).containsExactly("associations", "--source", "/w/s",
                "--cohort", "/w/cohort.json", "--out", "/w/out", "--min-cell", "11", "--outcome", "death",
                "--horizon-days", "730", "--adjust", "grade,size", "--master", "local[2]",
                "--conf", "spark.extraListeners=org.lmsregistry.analysis.progress.ProgressLines");
    }

    @Test
    void aClusterRunGoesThroughSparkSubmitInClientModeWithTheJobsMainClass() {
        AnalysisCommandLine cluster = new AnalysisCommandLine(JAR, JAVA, Path.of("/opt/spark/bin/spark-submit"),
                "spark://head:7077", "4g");
        List<String> command = cluster.snapshot("jdbc:postgresql://db/lms", Path.of("/shared/run-1/snapshot"));
        assertThat(command).containsExactly("/opt/spark/bin/spark-submit", "--master", "spark://head:7077",
                "--deploy-mode", "client", "--driver-memory", "4g", "--class",
                "org.lmsregistry.analysis.cli.SparkJobsCommand", "/opt/lms/lms-spark-jobs.jar", "snapshot",
                "--jdbc-url", "jdbc:postgresql://db/lms", "--out", "/shared/run-1/snapshot",
                "--conf", "spark.extraListeners=org.lmsregistry.analysis.progress.ProgressLines");
        assertThat(cluster.usesSparkSubmit()).isTrue();
    }

    @Test
    void noPasswordEverReachesTheCommandLine() {
        AnalysisCommandLine local = new AnalysisCommandLine(JAR, JAVA, null, "local[*]", "2g");
        assertThat(String.join(" ", local.snapshot("jdbc:postgresql://localhost/lms", Path.of("/w"))))
                .doesNotContainIgnoringCase("password").doesNotContain("LMS_DB");
    }

    @Test
    void badSettingsAreRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> new AnalysisCommandLine(JAR, JAVA, null, "local[*]", "2 g; rm"))
                .hasMessageContaining("lms.analysis.heap").hasMessageContaining("2 g; rm");
        assertThatThrownBy(() -> new AnalysisCommandLine(JAR, JAVA, null, "local[*] --conf x=y", "2g"))
                .hasMessageContaining("lms.analysis.master");
    }
}
