package org.lmsregistry.etl.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lmsregistry.etl.cli.Console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The findings of one command run, printed for people (grouped by file and rule) and written for
 * machines (JSON or CSV, one object or line per finding, nothing left out).
 */
public final class Report {

    private final String title;
    private final List<Finding> findings;
    private final long errors;
    private final long warnings;

    public Report(String title, Collection<Finding> findings) {
        this.title = title;
        List<Finding> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(findings));
        sorted.sort(Finding.ORDER);
        this.findings = List.copyOf(sorted);
        this.errors = sorted.stream().filter(Finding::isError).count();
        this.warnings = sorted.size() - errors;
    }

    public List<Finding> findings() {
        return findings;
    }

    public long errors() {
        return errors;
    }

    public long warnings() {
        return warnings;
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** "3 errors, 1 warning". */
    public String counts() {
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    /**
     * Prints the findings grouped by file, then by rule (with the rule's description once), at most
     * {@code maxPerRule} lines per group (0 for all); the machine-readable reports hold every finding.
     */
    public void print(Console console, int maxPerRule) {
        PrintWriter w = console.err();
        if (findings.isEmpty()) {
            return;
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            List<Finding> list = file.getValue();
            long e = list.stream().filter(Finding::isError).count();
            w.println(console.bold(file.getKey().isEmpty() ? "(no file)" : file.getKey()) + ": "
                    + (e > 0 ? console.red(e + (e == 1 ? " error" : " errors")) : "0 errors") + ", "
                    + (list.size() - e) + (list.size() - e == 1 ? " warning" : " warnings"));
            Map<String, List<Finding>> byRule = new TreeMap<>();
            for (Finding f : list) {
                byRule.computeIfAbsent((f.isError() ? "0" : "1") + f.rule(), k -> new ArrayList<>()).add(f);
            }
            for (List<Finding> group : byRule.values()) {
                Finding first = group.get(0);
                String severity = first.isError() ? console.red("ERROR") : console.yellow("WARNING");
                String description = first.ruleDescription();
                w.println("  " + severity + " [" + first.rule() + "] x" + group.size()
                        + (description.isEmpty() ? "" : console.dim("  " + description)));
                int shown = 0;
                for (Finding f : group) {
                    if (maxPerRule > 0 && shown == maxPerRule) {
                        w.println("      ... and " + (group.size() - shown) + " more (see the JSON or CSV report)");
                        break;
                    }
                    w.println("    " + location(f) + ": " + f.message());
                    shown++;
                }
            }
        }
        w.println(title + ": " + (errors > 0 ? console.red(counts()) : counts()));
        w.flush();
    }

    private static String location(Finding f) {
        StringBuilder b = new StringBuilder();
        b.append(f.row() > 0 ? "row " + f.row() : "file");
        if (!f.recordKey().isEmpty()) {
            b.append(" (").append(f.recordKey()).append(')');
        }
        if (!f.field().isEmpty()) {
            b.append(", ").append(f.field());
            if (!f.value().isEmpty()) {
                b.append(" = \"").append(f.value()).append('"');
            }
        }
        return b.toString();
    }

    /** Writes every finding as one JSON document: title, counts, counts by rule and the findings. */
    public void writeJson(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("report", title);
            g.writeNumberField("errors", errors);
            g.writeNumberField("warnings", warnings);
            g.writeObjectFieldStart("counts_by_rule");
            Map<String, Integer> counts = new TreeMap<>();
            findings.forEach(f -> counts.merge(f.rule(), 1, Integer::sum));
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                g.writeStartObject();
                g.writeStringField("severity", f.severity().name());
                g.writeStringField("file", f.file());
                g.writeNumberField("row", f.row());
                g.writeStringField("record_key", f.recordKey());
                g.writeStringField("field", f.field());
                g.writeStringField("value", f.value());
                g.writeStringField("rule", f.rule());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }

    /** The CSV columns of {@link #writeCsv}. */
    public static final String[] CSV_HEADER = { "severity", "file", "row", "record_key", "field", "value", "rule",
        "message" };

    /** Writes every finding as RFC 4180 CSV (UTF-8, LF), one line per finding. */
    public void writeCsv(Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
        p.printRecord((Object[]) CSV_HEADER);
        for (Finding f : findings) {
            p.printRecord(f.severity().name(), f.file(), f.row(), f.recordKey(), f.field(), f.value(), f.rule(),
                    f.message());
        }
        p.flush();
    }

    /** Writes the JSON or CSV report to a file ("-" for standard output), by its extension. */
    public void write(Path file, Console console) throws IOException {
        boolean csv = file.getFileName() != null && file.getFileName().toString().endsWith(".csv");
        if (file.toString().equals("-")) {
            writeJson(console.out());
            console.out().println();
            console.out().flush();
            return;
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (csv) {
                writeCsv(out);
            } else {
                writeJson(out);
            }
        }
    }
}
