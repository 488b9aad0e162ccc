package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lmsregistry.web.analysis.AnalysisRun;
import org.lmsregistry.web.analysis.AnalysisRunFile;
import org.lmsregistry.web.analysis.AnalysisRunService;
import org.lmsregistry.web.application.ConflictException;

/**
 * One run: status and progress while it runs (polled), then its report (tables and plots, served
 * by {@link AnalysisFileServlet} in a sandboxed frame), its tables, provenance and downloads; the
 * failure and log tail when it failed.
 */
@Named
@ViewScoped
public class AnalysisRunPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows of a table shown on the page; the CSV download has all. */
    static final int TABLE_ROWS = 100;

    /** A result table read from its CSV file. */
    public record Table(String name, String title, List<String> columns, List<List<String>> rows, int totalRows)
            implements Serializable {
    }

    @Inject
    AnalysisRunService runs;

    private long id;
    private transient AnalysisRun run;
    private transient List<AnalysisRunFile> files;
    private transient List<Table> tables;
    private transient JsonObject results;
    private transient Object loadedFor;

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public AnalysisRun getRun() {
        fresh();
        if (run == null) {
            run = runs.get(id);
        }
        return run;
    }

    /** The view lives across requests (polls); what it shows is read once per request. */
    private void fresh() {
        Object request = jakarta.faces.context.FacesContext.getCurrentInstance();
        if (request != null && request != loadedFor) {
            refresh();
            loadedFor = request;
        }
    }

    /** Re-reads the run (the poll). */
    public void refresh() {
        run = null;
        files = null;
        tables = null;
        results = null;
    }

    public boolean isActive() {
        return !getRun().status().isFinal();
    }

    public void cancel() {
        try {
            run = runs.cancel(id);
        } catch (ConflictException e) {
            refresh();
        }
    }

    public List<AnalysisRunFile> getFiles() {
        fresh();
        if (files == null) {
            files = runs.files(id);
        }
        return files;
    }

    public boolean hasFile(String name) {
        return getFiles().stream().anyMatch(f -> f.name().equals(name));
    }

    public List<AnalysisRunFile> getTableFiles() {
        return getFiles().stream().filter(AnalysisRunFile::isTable).toList();
    }

    /** The tables named in result.json, in its order, with their titles. */
    public List<Table> getTables() {
        fresh();
        if (tables == null) {
            List<Table> list = new ArrayList<>();
            JsonObject r = results();
            if (r != null && r.get("tables") != null && r.get("tables").getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue t : r.getJsonArray("tables")) {
                    if (t instanceof JsonObject table && table.get("file") instanceof JsonString file
                            && hasFile(file.getString())) {
                        list.add(read(table.getString("name", file.getString()),
                                table.getString("title", file.getString()), file.getString()));
                    }
                }
            }
            tables = list;
        }
        return tables;
    }

    private Table read(String name, String title, String file) {
        byte[] content = runs.file(id, file).content();
        List<List<String>> rows = new ArrayList<>();
        List<String> columns = List.of();
        int total = 0;
        try (CSVParser parser = CSVParser.parse(new String(content, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            columns = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                total++;
                if (rows.size() < TABLE_ROWS) {
                    rows.add(record.toList());
                }
            }
        } catch (IOException e) {
            rows = List.of(List.of("(could not read " + file + ": " + e.getMessage() + ")"));
        }
        return new Table(name, title, columns, rows, total);
    }

    /** Provenance for people: label and value, from result.json. */
    public Map<String, String> getProvenance() {
        Map<String, String> p = new LinkedHashMap<>();
        AnalysisRun r = getRun();
        p.put("Analysis", r.kind());
        p.put("Requested by", r.requestedBy());
        p.put("Requested", time(r.createdAt()));
        p.put("Started", time(r.startedAt()));
        p.put("Finished", time(r.finishedAt()));
        if (r.startedAt() != null && r.finishedAt() != null) {
            p.put("Duration", String.format(java.util.Locale.ROOT, "%.1f s",
                    java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0));
        }
        p.put("Snapshot checksum", r.dataChecksum());
        p.put("Software version", r.softwareVersion());
        JsonObject prov = results() == null ? null : results().getJsonObject("provenance");
        if (prov != null) {
            put(p, "Software", prov.get("software"));
            put(p, "Cohort", prov.get("cohort") instanceof JsonObject c ? c.get("name") : null);
            put(p, "Patients in cohort", prov.get("cohort") instanceof JsonObject c ? c.get("patients") : null);
            put(p, "Disclosure threshold (k)", prov.get("disclosure") instanceof JsonObject d ? d.get("minCell") : null);
            put(p, "Confidence level", prov.get("confidenceLevel"));
            put(p, "Parameters", prov.get("parameters"));
            put(p, "Spark", prov.get("spark"));
            put(p, "Timings (s)", prov.get("timings"));
        }
        return p;
    }

    /** The cohort definition and parameters as requested. */
    public String getCohortJson() {
        return pretty(getRun().cohort());
    }

    public String getParametersJson() {
        return pretty(getRun().parameters());
    }

    private JsonObject results() {
        fresh();
        if (results == null && getRun().results() != null) {
            try (var reader = Json.createReader(new StringReader(getRun().results()))) {
                results = reader.readObject();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return results;
    }

    private static void put(Map<String, String> p, String label, JsonValue v) {
        if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
            p.put(label, v instanceof JsonString s ? s.getString() : v.toString());
        }
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String pretty(String json) {
        try (var reader = Json.createReader(new StringReader(json == null ? "{}" : json))) {
            StringWriter w = new StringWriter();
            Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w)
                    .write(reader.readValue());
            return w.toString().strip();
        } catch (RuntimeException e) {
            return json;
        }
    }
}
