package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.TestRegistry;

import com.fasterxml.jackson.databind.JsonNode;

/** Every analysis command end to end on the shared test registry (snapshot and CSV sources). */
class AnalysisJobsTest {

    private static final String CHECKSUM = TestRegistry.data().checksum();

    private static Path out(String name) {
        return TestRegistry.newFolder(name).resolve("out");
    }

    @Test
    void describe() throws Exception {
        Path out = out("describe");
        Cli.Run run = Cli.run("describe", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "describe", 5, CHECKSUM);
        assertThat(doc.path("summary").path("patients").asLong()).isEqualTo(3000);
        assertThat(Files.readString(out.resolve("table1_categorical.csv"))).contains("primary_location,UTERUS");
        assertThat(out.resolve("completeness.csv")).exists();
    }

    @Test
    void describeWithALargeThresholdSuppressesSmallCells() throws Exception {
        Path out = out("describe-k50");
        Cli.Run run = Cli.run("describe", "--source", TestRegistry.csvFolder().toString(), "--out", out.toString(),
                "--min-cell", "50");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ResultAssertions.checkOutput(out, "describe", 50, CHECKSUM);
        String table = Files.readString(out.resolve("table1_categorical.csv"));
        assertThat(table).contains("<50").contains(",x,");
    }

    @Test
    void associations() throws Exception {
        Path out = out("associations");
        Cli.Run run = Cli.run("associations", "--source", TestRegistry.snapshotFolder().toString(), "--out",
                out.toString(), "--model", "peripheral_enhancement,deep,size,grade", "--min-cell", "11");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "associations", 11, CHECKSUM);
        JsonNode mh = ResultAssertions.estimate(doc, "association/metastasis/peripheral_enhancement/mantel_haenszel");
        assertThat(mh.path("estimate").asDouble()).isGreaterThan(1.5);
        assertThat(ResultAssertions.estimate(doc, "association/metastasis/peripheral_enhancement/dersimonian_laird")
                .path("details").path("iSquaredPercent").isNumber()).isTrue();
        assertThat(ResultAssertions.estimate(doc, "association/metastasis/model/peripheral_enhancement")
                .path("estimate").asDouble()).isBetween(1.5, 6.0);
        assertThat(ResultAssertions.estimate(doc, "association/metastasis/diameter_cm/logistic_per_sd")
                .path("estimate").asDouble()).isGreaterThan(1.0);
        assertThat(ResultAssertions.estimate(doc, "association/metastasis/radiomics_glcm_contrast/q_value_adjusted")
                .path("estimate").isNumber()).isTrue();
        assertThat(Files.readString(out.resolve("report.html"))).contains("forest_").doesNotContain("NaN,NaN");
    }

    @Test
    void survival() throws Exception {
        Path out = out("survival");
        Cli.Run run = Cli.run("survival", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString(),
                "--endpoint", "local_recurrence", "--covariates", "margin,grade,retroperitoneal,radiotherapy");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "survival", 5, CHECKSUM);
        JsonNode r2 = ResultAssertions.estimate(doc, "survival/local_recurrence/cox/marginR2");
        assertThat(r2.path("estimate").asDouble()).isGreaterThan(1.0);
        assertThat(ResultAssertions.estimate(doc, "survival/local_recurrence/km/grade/log_rank").path("pValue")
                .isNumber()).isTrue();
        assertThat(ResultAssertions.estimate(doc, "survival/local_recurrence/km/grade/G3/year_3").path("estimate")
                .asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readString(out.resolve("km_grade.csv"))).startsWith("group,years,at_risk");
    }

    @Test
    void yieldByModality() throws Exception {
        Path out = out("yield");
        Cli.Run run = Cli.run("yield", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "yield", 5, CHECKSUM);
        double ct = ResultAssertions.estimate(doc, "yield/CT").path("estimate").asDouble();
        assertThat(ct).isBetween(0.001, 0.2);
        assertThat(ResultAssertions.estimate(doc, "yield/homogeneity").path("pValue").isNumber()).isTrue();
        assertThat(ResultAssertions.estimate(doc, "detection_share/ANY/CLINICAL").path("estimate").asDouble())
                .isBetween(0.1, 0.9);
        assertThat(Files.readString(out.resolve("yield_strata.csv"))).contains("follow_up_interval,0-2 y")
                .contains("grade_group,G1").contains("recurrence_type,local");
    }

    @Test
    void adherenceBySite() throws Exception {
        Path out = out("adherence");
        Cli.Run run = Cli.run("adherence", "--source", TestRegistry.snapshotFolder().toString(), "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "adherence", 5, CHECKSUM);
        double north = ResultAssertions.estimate(doc, "adherence/any/ALL/NORTH").path("estimate").asDouble();
        double west = ResultAssertions.estimate(doc, "adherence/any/ALL/WEST").path("estimate").asDouble();
        // the generator's WEST misses visits, stretches intervals and stops early far more often than NORTH
        assertThat(north).isGreaterThan(west);
        double westChest = ResultAssertions.estimate(doc, "adherence/chest/ALL/WEST").path("estimate").asDouble();
        assertThat(westChest).isLessThan(ResultAssertions.estimate(doc, "adherence/chest/ALL/NORTH")
                .path("estimate").asDouble());
    }
}
