package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks every analysis output folder must pass. */
public final class ResultAssertions {

    private ResultAssertions() {
    }

    /** Reads result.json and checks its shape, the CSV files' disclosure control and the offline report. */
    public static JsonNode checkOutput(Path out, String analysis, int minCell, String expectedChecksum)
            throws IOException {
        JsonNode doc = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(doc.path("schema").asText()).isEqualTo("lms-registry-result");
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("analysis").asText()).isEqualTo(analysis);
        JsonNode prov = doc.path("provenance");
        assertThat(prov.path("snapshotChecksum").asText()).isEqualTo(expectedChecksum);
        assertThat(prov.path("source").path("checksum").asText()).isEqualTo(expectedChecksum);
        assertThat(prov.path("software").path("version").asText()).isNotBlank();
        assertThat(prov.path("software").path("spark").asText()).startsWith("4.1");
        assertThat(prov.path("cohort").path("definition").isObject()).isTrue();
        assertThat(prov.path("cohort").path("flow").isArray()).isTrue();
        assertThat(prov.path("parameters").isObject()).isTrue();
        assertThat(prov.path("disclosure").path("minCell").asInt()).isEqualTo(minCell);
        for (String t : List.of("readSeconds", "cohortSeconds", "analysisSeconds", "writeSeconds")) {
            assertThat(prov.path("timings").path(t).isNumber()).as(t).isTrue();
        }
        assertThat(doc.path("estimates").isArray()).isTrue();
        for (JsonNode e : doc.path("estimates")) {
            assertThat(e.has("id") && e.has("method") && e.has("estimate") && e.has("lower") && e.has("upper")
                    && e.has("pValue") && e.has("counts") && e.has("flags")).as(e.toString()).isTrue();
            e.path("counts").fields().forEachRemaining(c -> checkCount(c.getValue().asText(), minCell,
                    "estimate " + e.path("id").asText() + " count " + c.getKey()));
            if (e.path("lower").isNumber() && e.path("upper").isNumber() && e.path("estimate").isNumber()) {
                assertThat(e.path("lower").asDouble()).as(e.path("id").asText())
                        .isLessThanOrEqualTo(e.path("estimate").asDouble() * (1 + 1e-12) + 1e-12);
                assertThat(e.path("upper").asDouble()).as(e.path("id").asText())
                        .isGreaterThanOrEqualTo(e.path("estimate").asDouble() * (1 - 1e-12) - 1e-12);
            }
        }
        checkCounts(prov.path("cohort"), minCell);
        for (JsonNode t : doc.path("tables")) {
            Path csv = out.resolve(t.path("file").asText());
            assertThat(csv).exists();
            try (Reader r = Files.newBufferedReader(csv)) {
                List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(r).getRecords();
                assertThat(rows).hasSize(t.path("rows").asInt());
                for (JsonNode c : t.path("columns")) {
                    // the same key order in every run, so that two result.json files can be compared as text
                    List<String> keys = new java.util.ArrayList<>();
                    c.fieldNames().forEachRemaining(keys::add);
                    assertThat(keys).containsExactly("name", "kind", "description");
                    if (c.path("kind").asText().equals("count")) {
                        for (CSVRecord row : rows) {
                            checkCount(row.get(c.path("name").asText()), minCell, csv.getFileName() + " column "
                                    + c.path("name").asText());
                        }
                    }
                }
            }
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<script src=\"plotly-").doesNotContain("src=\"http").doesNotContain("cdn.plot.ly");
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("plotly-")
                && n.endsWith(".js")).count()).isEqualTo(1);
        assertThat(out.resolve("plotly-LICENSE.txt")).exists();
        return doc;
    }

    private static void checkCounts(JsonNode node, int minCell) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("patients") || f.getKey().equals("patientsLeft")) {
                    checkCount(f.getValue().asText(), minCell, "cohort " + f.getKey());
                }
                checkCounts(f.getValue(), minCell);
            });
        } else if (node.isArray()) {
            node.forEach(n -> checkCounts(n, minCell));
        }
    }

    /** A published count: empty, 0, k or more, "<k" or "x". */
    public static void checkCount(String text, int minCell, String where) {
        if (text.isEmpty() || text.equals("x") || text.equals("<" + minCell)) {
            return;
        }
        long v = Long.parseLong(text);
        assertThat(v == 0 || v >= minCell).as(where + " = " + v + " (k = " + minCell + ")").isTrue();
    }

    /** The estimate with this id. */
    public static JsonNode estimate(JsonNode doc, String id) {
        for (JsonNode e : doc.path("estimates")) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no estimate " + id);
    }


    /** The rows of a CSV result table. */
    public static List<CSVRecord> rows(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static boolean hidden(String text) {
        return text.equals("x") || text.startsWith("<");
    }

    /**
     * A published sum relation: parts that add up to a total. If the total is visible, no part may be the only
     * hidden one (it would be the total minus the visible parts).
     */
    public static void checkSum(List<String> parts, String total, String where) {
        long hiddenParts = parts.stream().filter(ResultAssertions::hidden).count();
        assertThat(!hidden(total) && hiddenParts == 1).as(where + ": one hidden part " + parts + " of visible total "
                + total).isFalse();
    }
}
