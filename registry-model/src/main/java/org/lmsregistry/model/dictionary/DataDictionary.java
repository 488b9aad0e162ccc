package org.lmsregistry.model.dictionary;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.RecordRules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The registry's data dictionary in the REDCap style, generated from the field specs of every
 * record type: never kept by hand, so it cannot drift from the code. Served as
 * {@code GET /api/v1/dictionary} (JSON, or CSV) and kept in the repository as
 * {@code docs/data-dictionary.csv} and {@code docs/data-dictionary.md}, which a test compares with
 * what this class generates. Regenerate them with {@link #main}.
 */
public final class DataDictionary {

    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("variable", "record_type", "label", "type", "unit",
            "choices", "range_min", "range_max", "required", "key", "notes");

    /** The files {@link #main} writes. */
    public static final String CSV_FILE = "data-dictionary.csv";
    public static final String MARKDOWN_FILE = "data-dictionary.md";

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private static final List<DictionaryEntry> ENTRIES = build();

    private DataDictionary() {
    }

    /** One record type: its name (file base name, JSON property, REST collection), file, label and key. */
    public record RecordTypeEntry(String name, String file, String label, List<String> keyFields, int fieldCount) {
    }

    /** Every field of every record type, in record-type order and then column order. */
    public static List<DictionaryEntry> entries() {
        return ENTRIES;
    }

    /** The fields of one record type, in column order. */
    public static List<DictionaryEntry> entries(RecordType type) {
        return ENTRIES.stream().filter(e -> e.recordType() == type).toList();
    }

    /** The record types, in order. */
    public static List<RecordTypeEntry> recordTypes() {
        List<RecordTypeEntry> types = new ArrayList<>();
        for (RecordType t : RecordType.values()) {
            types.add(new RecordTypeEntry(t.baseName(), t.fileName(), t.label(), t.keyFields(), t.fields().size()));
        }
        return types;
    }

    private static List<DictionaryEntry> build() {
        List<DictionaryEntry> entries = new ArrayList<>();
        for (RecordType t : RecordType.values()) {
            for (FieldSpec<?> f : t.fields()) {
                List<DictionaryEntry.Choice> choices = new ArrayList<>();
                if (f.codeList() != null) {
                    for (Object c : f.codeList().getEnumConstants()) {
                        CodeList code = (CodeList) c;
                        choices.add(new DictionaryEntry.Choice(code.code(), code.label()));
                    }
                }
                entries.add(new DictionaryEntry(f.name(), t, f.label(), f.type(), f.unit(), choices, f.min(),
                        f.max(), f.isRequired(), f.isKey(), f.notes()));
            }
        }
        return List.copyOf(entries);
    }

    /** The dictionary as CSV: one row per field, columns {@link #CSV_COLUMNS}, LF line ends. */
    public static void toCsv(Writer out) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, CSV);
        printer.printRecord(CSV_COLUMNS);
        for (DictionaryEntry e : ENTRIES) {
            printer.printRecord(e.variable(), e.recordType().baseName(), e.label(), e.type(), text(e.unit()),
                    e.choicesText(), FieldText.format(e.rangeMin()), FieldText.format(e.rangeMax()),
                    e.required() ? "y" : "n", e.key() ? "y" : "n", text(e.notes()));
        }
        printer.flush();
    }

    /**
     * The dictionary as JSON: {@code {"record_types": [...], "fields": [...]}}, fields with the same
     * properties as the CSV columns but typed (numbers, booleans, choices as objects, null when empty).
     */
    public static void toJson(Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("record_types");
            for (RecordTypeEntry t : recordTypes()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("file", t.file());
                g.writeStringField("label", t.label());
                g.writeArrayFieldStart("key_fields");
                for (String k : t.keyFields()) {
                    g.writeString(k);
                }
                g.writeEndArray();
                g.writeNumberField("field_count", t.fieldCount());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("fields");
            for (DictionaryEntry e : ENTRIES) {
                g.writeStartObject();
                g.writeStringField("variable", e.variable());
                g.writeStringField("record_type", e.recordType().baseName());
                g.writeStringField("label", e.label());
                g.writeStringField("type", e.type());
                g.writeStringField("unit", e.unit());
                g.writeArrayFieldStart("choices");
                for (DictionaryEntry.Choice c : e.choices()) {
                    g.writeStartObject();
                    g.writeStringField("code", c.code());
                    g.writeStringField("label", c.label());
                    g.writeEndObject();
                }
                g.writeEndArray();
                writeNumber(g, "range_min", e.rangeMin());
                writeNumber(g, "range_max", e.rangeMax());
                g.writeBooleanField("required", e.required());
                g.writeBooleanField("key", e.key());
                g.writeStringField("notes", e.notes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeNumber(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumberField(name, value.longValue());
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** The dictionary as a Markdown document: record types, field types, then a table per record type. */
    public static void toMarkdown(Writer out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary\n\n")
                .append("Generated from the field specifications in `registry-model` by\n")
                .append("`org.lmsregistry.model.dictionary.DataDictionary`: do not edit by hand. A test fails when\n")
                .append("this file and `").append(CSV_FILE).append("` differ from what the code generates; regenerate\n")
                .append("both with\n\n")
                .append("```\n./mvnw -q -B -pl registry-model compile exec:java \\\n")
                .append("    -Dexec.mainClass=org.lmsregistry.model.dictionary.DataDictionary -Dexec.args=docs\n```\n\n")
                .append("The same content is served as JSON and CSV by `GET /api/v1/dictionary`. How the files\n")
                .append("are written is described in [interchange-format.md](interchange-format.md).\n\n");

        md.append("## Record types\n\n")
                .append("One interchange file per record type. The natural key identifies a record within its type.\n\n")
                .append("| record type | file | label | natural key | fields |\n|---|---|---|---|---|\n");
        for (RecordTypeEntry t : recordTypes()) {
            md.append("| ").append(t.name()).append(" | [").append(t.file()).append("](#").append(anchor(t))
                    .append(") | ").append(cell(t.label())).append(" | ").append(String.join(", ", t.keyFields()))
                    .append(" | ").append(t.fieldCount()).append(" |\n");
        }

        md.append("\n## Field types\n\n")
                .append("| type | dictionary type | written as | format |\n|---|---|---|---|\n");
        for (FieldType t : FieldType.values()) {
            md.append("| ").append(t.name()).append(" | ").append(t.dictionaryType()).append(" | ")
                    .append(cell(writtenAs(t))).append(" | ")
                    .append(t.pattern() == null ? "" : "`" + t.pattern().replace("|", "\\|") + "`").append(" |\n");
        }
        md.append("\nAn empty value means \"not given\". *Required* fields must be given in every record; other\n")
                .append("fields can be required by another field's value, as their notes say.\n");

        for (RecordType t : RecordType.values()) {
            md.append("\n## ").append(t.fileName()).append(": ").append(t.label()).append("\n\n")
                    .append("| variable | label | type | unit | choices | range | required | key | notes |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (DictionaryEntry e : entries(t)) {
                md.append("| `").append(e.variable()).append("` | ").append(cell(e.label())).append(" | ")
                        .append(e.fieldType().name()).append(" | ").append(cell(text(e.unit()))).append(" | ")
                        .append(e.choices().stream().map(c -> "`" + c.code() + "` " + cell(c.label()))
                                .collect(Collectors.joining("<br>")))
                        .append(" | ").append(range(e)).append(" | ").append(e.required() ? "yes" : "")
                        .append(" | ").append(e.key() ? "yes" : "").append(" | ").append(cell(text(e.notes())))
                        .append(" |\n");
            }
        }
        out.write(md.toString());
        out.flush();
    }

    private static String writtenAs(FieldType t) {
        return switch (t) {
            case SITE_CODE -> "registry code of the site";
            case PSEUDONYM -> "keyed HMAC-SHA256 of the local patient identifier, lower-case hex";
            case HASH -> "keyed SHA-256 hash, lower-case hex";
            case KEY -> "the site's own key of a record within its patient";
            case NAME -> "a name from a controlled vocabulary (IBSI)";
            case INTEGER -> "whole number, digits 0-9 with an optional leading '-'";
            case DECIMAL -> "number with '.' as decimal separator, optional exponent (1.5e3)";
            case BOOLEAN -> "true or false";
            case CODE -> "one code (as listed in choices)";
            case CODES -> "codes separated by ';' (CSV) or an array of codes (JSON)";
            case TEXT -> "free text, at most " + RecordRules.MAX_TEXT_LENGTH + " characters, no identifiers or dates";
        };
    }

    private static String anchor(RecordTypeEntry t) {
        return (t.file() + "-" + t.label()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_ -]", "")
                .replace(' ', '-');
    }

    private static String range(DictionaryEntry e) {
        if (e.rangeMin() == null && e.rangeMax() == null) {
            return "";
        }
        return FieldText.format(e.rangeMin()) + " to " + FieldText.format(e.rangeMax());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }

    /** The CSV form as a string. */
    public static String csv() {
        StringWriter w = new StringWriter();
        try {
            toCsv(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The JSON form as a string. */
    public static String json() {
        StringWriter w = new StringWriter();
        try {
            toJson(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The Markdown form as a string. */
    public static String markdown() {
        StringWriter w = new StringWriter();
        try {
            toMarkdown(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * Writes {@value #CSV_FILE} and {@value #MARKDOWN_FILE} (UTF-8, LF) into a folder.
     *
     * @param args the output folder (default {@code docs})
     */
    public static void main(String... args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV_FILE), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve(CSV_FILE) + " and " + dir.resolve(MARKDOWN_FILE));
    }
}
