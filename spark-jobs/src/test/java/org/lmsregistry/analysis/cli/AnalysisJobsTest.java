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
                out.toString(), "--model", "peripheral_enhancement,deep,size,grade", "--min-cell", "30");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "associations", 30, CHECKSUM);
        // per-site 2x2 cells add up to the pooled (ALL) cells: no hidden cell may be the only one of its column
        java.util.Map<String, java.util.List<org.apache.commons.csv.CSVRecord>> byFeature = new java.util.TreeMap<>();
        for (var r : ResultAssertions.rows(out.resolve("two_by_two.csv"))) {
            byFeature.computeIfAbsent(r.get("feature"), k -> new java.util.ArrayList<>()).add(r);
        }
        int hiddenCells = 0;
        for (var e : byFeature.entrySet()) {
            for (String c : java.util.List.of("a_feature_event", "b_feature_no_event", "c_no_feature_event",
                    "d_no_feature_no_event")) {
                java.util.List<String> parts = e.getValue().stream().filter(r -> !r.get("site").equals("ALL"))
                        .map(r -> r.get(c)).toList();
                String total = e.getValue().stream().filter(r -> r.get("site").equals("ALL")).findFirst().orElseThrow()
                        .get(c);
                ResultAssertions.checkSum(parts, total, e.getKey() + " " + c);
                hiddenCells += parts.stream().filter(ResultAssertions::hidden).count();
            }
        }
        assertThat(hiddenCells).as("k = 30 hides some per-site cells").isPositive();
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
        Cli.Run run = Cli.run("yield", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString(),
                "--min-cell", "20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "yield", 20, CHECKSUM);
        // stratum cells add up to the by-modality counts; detection shares to their kind and finder totals
        java.util.Map<String, java.util.Map<String, String>> overall = new java.util.HashMap<>();
        for (var r : ResultAssertions.rows(out.resolve("yield_by_modality.csv"))) {
            overall.put(r.get("modality"), java.util.Map.of("studies", r.get("studies"), "detections",
                    r.get("detections")));
        }
        java.util.Map<String, java.util.List<org.apache.commons.csv.CSVRecord>> cells = new java.util.TreeMap<>();
        for (var r : ResultAssertions.rows(out.resolve("yield_strata.csv"))) {
            if (!r.get("stratum").equals("recurrence_type")) {
                cells.computeIfAbsent(r.get("stratum") + "/" + r.get("modality"), k -> new java.util.ArrayList<>())
                        .add(r);
            }
        }
        for (var e : cells.entrySet()) {
            String modality = e.getKey().substring(e.getKey().indexOf('/') + 1);
            for (String c : java.util.List.of("studies", "detections")) {
                ResultAssertions.checkSum(e.getValue().stream().map(r -> r.get(c)).toList(), overall.get(modality)
                        .get(c), e.getKey() + " " + c);
            }
        }
        var share = ResultAssertions.rows(out.resolve("detection_share.csv"));
        for (String kind : java.util.List.of("LOCAL_RECURRENCE", "DISTANT_METASTASIS", "ANY")) {
            ResultAssertions.checkSum(share.stream().filter(r -> r.get("recurrence").equals(kind)
                    && !r.get("first_found_by").equals("ALL")).map(r -> r.get("recurrences")).toList(),
                    share.stream().filter(r -> r.get("recurrence").equals(kind) && r.get("first_found_by").equals("ALL"))
                            .findFirst().orElseThrow().get("recurrences"), "share " + kind);
        }
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
                out.toString(), "--min-cell", "40");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = ResultAssertions.checkOutput(out, "adherence", 40, CHECKSUM);
        // sites x grade groups with totals, per measure: rows and columns add up
        var rows = ResultAssertions.rows(out.resolve("adherence_by_site.csv"));
        for (String measure : java.util.List.of("any", "primary_site", "chest")) {
            for (String c : java.util.List.of("intervals", "adherent")) {
                java.util.Map<String, String> v = new java.util.HashMap<>();
                rows.stream().filter(r -> r.get("measure").equals(measure))
                        .forEach(r -> v.put(r.get("site") + "/" + r.get("grade_group"), r.get(c)));
                java.util.List<String> sites = rows.stream().map(r -> r.get("site")).filter(x -> !x.equals("ALL"))
                        .distinct().toList();
                for (String g : java.util.List.of("G1", "G2-G3", "ALL")) {
                    ResultAssertions.checkSum(sites.stream().map(x -> v.get(x + "/" + g)).toList(), v.get("ALL/" + g),
                            measure + " " + c + " " + g);
                }
                for (String x : sites) {
                    ResultAssertions.checkSum(java.util.List.of(v.get(x + "/G1"), v.get(x + "/G2-G3")),
                            v.get(x + "/ALL"), measure + " " + c + " " + x);
                }
            }
        }
        double north = ResultAssertions.estimate(doc, "adherence/any/ALL/NORTH").path("estimate").asDouble();
        double west = ResultAssertions.estimate(doc, "adherence/any/ALL/WEST").path("estimate").asDouble();
        // the generator's WEST misses visits, stretches intervals and stops early far more often than NORTH
        assertThat(north).isGreaterThan(west);
        double westChest = ResultAssertions.estimate(doc, "adherence/chest/ALL/WEST").path("estimate").asDouble();
        assertThat(westChest).isLessThan(ResultAssertions.estimate(doc, "adherence/chest/ALL/NORTH")
                .path("estimate").asDouble());
    }
}
