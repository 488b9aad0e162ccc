package org.lmsregistry.analysis.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lmsregistry.analysis.Software;
import org.lmsregistry.analysis.disclosure.ShownCount;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes an analysis into its output folder: one CSV per result table, {@code report.html} with its
 * plotly.js copy (so the page works offline) and, last, {@code result.json} with every estimate and the
 * provenance (schema: {@code docs/result-schema.md}). The folder is written beside the target and moved
 * into place when complete.
 */
public final class ResultWriter {

    /** Identifies the JSON document. */
    public static final String SCHEMA = "lms-registry-result";
    public static final int SCHEMA_VERSION = 1;

    /** The plotly.js file copied beside every report. */
    public static final String PLOTLY_FILE = "plotly-" + Software.plotlyVersion() + ".js";

    private static final String PLOTLY_RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/"
            + Software.plotlyVersion() + "/";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private ResultWriter() {
    }

    /**
     * Writes the result.
     *
     * @param result     the analysis result
     * @param provenance where the data came from, the cohort, the parameters, timings so far
     * @param out        the output folder (must not exist, or be empty, unless {@code overwrite})
     * @param overwrite  replace an existing folder
     * @return the document written as {@code result.json}
     */
    public static Map<String, Object> write(AnalysisResult result, Map<String, Object> provenance, Path out,
            boolean overwrite) {
        long start = System.nanoTime();
        try {
            Path target = out.toAbsolutePath().normalize();
            refuseFilledFolder(out, overwrite);
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
            try {
                for (ResultTable t : result.tables()) {
                    writeCsv(t, staging.resolve(t.name() + ".csv"));
                }
                copyPlotly(staging);
                Files.writeString(staging.resolve("report.html"), HtmlReport.render(result, provenance, PLOTLY_FILE),
                        StandardCharsets.UTF_8);
                Map<String, Object> prov = new LinkedHashMap<>(provenance);
                @SuppressWarnings("unchecked")
                Map<String, Object> timings = new LinkedHashMap<>((Map<String, Object>) prov.getOrDefault("timings",
                        Map.of()));
                timings.put("writeSeconds", seconds(start));
                prov.put("timings", timings);
                Map<String, Object> doc = document(result, prov);
                Files.writeString(staging.resolve("result.json"), JSON.writeValueAsString(doc) + "\n",
                        StandardCharsets.UTF_8);
                if (Files.exists(target)) {
                    deleteRecursively(target);
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return doc;
            } catch (IOException | RuntimeException e) {
                deleteRecursively(staging);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses an output folder that exists and holds files, unless {@code overwrite}: checked when writing, and by
     * the commands for every folder of a run before anything is read.
     */
    public static void refuseFilledFolder(Path out, boolean overwrite) {
        Path target = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && !overwrite && !isEmptyDirectory(target)) {
                throw new IllegalArgumentException("output folder " + out + " exists and is not empty (use --overwrite "
                        + "to replace it)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** Writes a table as CSV: counts as shown (numbers, {@code <k} or {@code x}), numbers in full precision. */
    static void writeCsv(ResultTable t, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(t.columns().stream().map(ResultTable.Column::name).toList());
            for (List<Object> row : t.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object v : row) {
                    cells.add(text(v));
                }
                p.printRecord(cells);
            }
        }
    }

    /** The CSV text of a value: "" for null, {@code Inf} for infinity. */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof ShownCount c) {
            return c.text();
        }
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "Inf" : "-Inf";
            }
            return Double.toString(d);
        }
        return v.toString();
    }

    private static void copyPlotly(Path folder) throws IOException {
        try (InputStream js = ResultWriter.class.getResourceAsStream(PLOTLY_RESOURCE + "plotly.js");
                InputStream licence = ResultWriter.class.getResourceAsStream(PLOTLY_RESOURCE + "LICENSE")) {
            if (js == null) {
                throw new IllegalStateException("plotly.js " + Software.plotlyVersion() + " is missing from the "
                        + "class path (org.webjars.npm:plotly.js-dist)");
            }
            Files.copy(js, folder.resolve(PLOTLY_FILE));
            if (licence != null) {
                Files.copy(licence, folder.resolve("plotly-LICENSE.txt"));
            }
        }
    }

    /** The result document. */
    static Map<String, Object> document(AnalysisResult result, Map<String, Object> provenance) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("analysis", result.analysis());
        doc.put("title", result.title());
        doc.put("provenance", jsonValue(provenance));
        doc.put("summary", jsonValue(result.summary()));
        List<Object> estimates = new ArrayList<>();
        for (Estimate e : result.estimates()) {
            estimates.add(estimate(e));
        }
        doc.put("estimates", estimates);
        List<Object> tables = new ArrayList<>();
        for (ResultTable t : result.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("file", t.name() + ".csv");
            m.put("title", t.title());
            m.put("rows", t.rows().size());
            List<Object> cols = new ArrayList<>();
            for (ResultTable.Column c : t.columns()) {
                // in a fixed order (Map.of iterates in an order that changes from one JVM to the next)
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("name", c.name());
                column.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
                column.put("description", c.description());
                cols.add(column);
            }
            m.put("columns", cols);
            m.put("notes", t.notes());
            tables.add(m);
        }
        doc.put("tables", tables);
        List<Object> figures = new ArrayList<>();
        for (AnalysisResult.ReportFigure f : result.figures()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("id", f.id());
            figure.put("title", f.title());
            figure.put("caption", f.caption());
            figures.add(figure);
        }
        doc.put("figures", figures);
        doc.put("report", "report.html");
        doc.put("notes", result.notes());
        doc.put("warnings", result.warnings());
        return doc;
    }

    static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("label", e.label());
        m.put("measure", e.measure());
        m.put("method", e.method());
        m.put("estimate", e.estimate());
        m.put("lower", e.lower());
        m.put("upper", e.upper());
        m.put("confidenceLevel", e.confidenceLevel());
        m.put("test", e.test());
        m.put("statistic", e.statistic());
        m.put("degreesOfFreedom", e.degreesOfFreedom());
        m.put("pValue", e.pValue());
        Map<String, Object> counts = new LinkedHashMap<>();
        e.counts().forEach((k, v) -> counts.put(k, jsonValue(v)));
        m.put("counts", counts);
        m.put("details", jsonValue(e.details()));
        m.put("flags", e.flags());
        return m;
    }

    /** A value for JSON: a visible count as a number, a hidden one as its mark ({@code "<5"}, {@code "x"}). */
    @SuppressWarnings("unchecked")
    static Object jsonValue(Object v) {
        if (v instanceof ShownCount c) {
            return c.value().isPresent() ? (Object) c.value().getAsLong() : c.text();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, x) -> out.put(k, jsonValue(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object x : list) {
                out.add(jsonValue(x));
            }
            return out;
        }
        if (v instanceof Double d && d.isNaN()) {
            return null;
        }
        return v;
    }
}
