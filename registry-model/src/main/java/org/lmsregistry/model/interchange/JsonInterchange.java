package org.lmsregistry.model.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;

/**
 * The interchange records as JSON, read and written with Jackson's streaming parser and generator so
 * that large arrays stay in bounded memory.
 *
 * <p>A batch is one object whose properties are record types' base names ({@code "patients"},
 * {@code "imaging_studies"}, ...; any subset, in any order), each an array of record objects. A
 * record object's properties are the field names with typed values: numbers for INTEGER and DECIMAL
 * fields (an INTEGER must be written without fraction or exponent), {@code true}/{@code false},
 * strings for text and CODE fields, an array of code strings for CODES fields; null, "", [] or a
 * missing property mean "not given". Unknown properties are UNKNOWN_FIELD problems, values of the
 * wrong JSON type TYPE problems, unknown codes CODE_LIST problems; a row is the record's 1-based
 * position in its array. Broken JSON ends the reading with a MALFORMED problem giving Jackson's line
 * and column. Methods that take a stream leave it open.
 */
public final class JsonInterchange {

    /** The longest JSON string read, in characters (1 Mi); bounds memory on broken input. */
    public static final int MAX_STRING_CHARS = 1 << 20;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonInterchange() {
    }

    /** Streams a batch object into a sink, record by record. */
    public static ReadStats read(InputStream in, RecordSink sink) {
        Reading r = new Reading(sink);
        r.readBatch(in);
        return r.counter.stats(r.rows);
    }

    /** Reads a whole batch object into memory. */
    public static ParseResult readAll(InputStream in) {
        ParseResult.Collector collector = new ParseResult.Collector();
        read(in, collector);
        return collector.result();
    }

    /** Streams a bare JSON array of records of one type (e.g. a REST collection) into a sink. */
    public static ReadStats readRecords(RecordType type, InputStream in, RecordSink sink) {
        Reading r = new Reading(sink);
        r.readArrayDocument(type, in);
        return r.counter.stats(r.rows);
    }

    /** Writes a batch as one JSON object with an array for every record type (empty ones included). */
    public static void write(RegistryBatch batch, OutputStream out) {
        try (JsonBatchWriter writer = new JsonBatchWriter(out, false)) {
            for (RecordType t : RecordType.values()) {
                writer.begin(t);
                for (RegistryRecord record : batch.records(t)) {
                    writer.write(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one record as a JSON object (properties in field order, absent values left out). */
    @SuppressWarnings("unchecked")
    static void writeRecord(JsonGenerator g, RegistryRecord record) throws IOException {
        g.writeStartObject();
        for (FieldSpec<?> f : RecordType.of(record).fields()) {
            Object value = ((FieldSpec<RegistryRecord>) f).valueOf(record);
            if (value == null || (value instanceof Set<?> s && s.isEmpty())) {
                continue;
            }
            g.writeFieldName(f.name());
            if (value instanceof Integer i) {
                g.writeNumber(i);
            } else if (value instanceof Double d) {
                g.writeNumber(d);
            } else if (value instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (value instanceof CodeList c) {
                g.writeString(c.code());
            } else if (value instanceof Set<?> codes) {
                g.writeStartArray();
                for (Object c : codes) {
                    g.writeString(((CodeList) c).code());
                }
                g.writeEndArray();
            } else {
                g.writeString(value.toString());
            }
        }
        g.writeEndObject();
    }

    /** The state of one read: where the parser is, for problems that stop it. */
    private static final class Reading {
        private final ReadStats.Counter counter;
        private RecordType currentType;
        private long position;
        private boolean inRecord;
        private long rows;

        Reading(RecordSink sink) {
            this.counter = new ReadStats.Counter(sink);
        }

        void readBatch(InputStream in) {
            try (JsonParser p = FACTORY.createParser(in)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    fileProblem(null, "", Rule.MALFORMED, t == null ? "The JSON document is empty; expected a batch "
                            + "object such as {\"patients\": [...], \"tumours\": [...]}."
                            : "The JSON document must be a batch object such as {\"patients\": [...]}, was "
                                    + describe(t) + ".");
                    return;
                }
                Set<RecordType> seen = EnumSet.noneOf(RecordType.class);
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    RecordType type = byBaseName(name);
                    if (type == null) {
                        fileProblem(null, name, Rule.UNKNOWN_FIELD, "\"" + name + "\" is not a record type; the "
                                + "batch properties are " + baseNames() + ". It was not read.");
                        p.skipChildren();
                    } else if (!seen.add(type)) {
                        fileProblem(type, name, Rule.MALFORMED, "\"" + name + "\" is given twice in the batch; "
                                + "give each record type once. The second array was not read.");
                        p.skipChildren();
                    } else if (t == JsonToken.START_ARRAY) {
                        readArray(type, p);
                    } else if (t != JsonToken.VALUE_NULL) {
                        fileProblem(type, name, Rule.TYPE, "\"" + name + "\" must be an array of record objects, "
                                + "was " + describe(t) + ". It was not read.");
                        p.skipChildren();
                    }
                }
                expectEnd(p);
            } catch (JsonProcessingException e) {
                malformed(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void readArrayDocument(RecordType type, InputStream in) {
            try (JsonParser p = FACTORY.createParser(in)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_ARRAY) {
                    fileProblem(type, "", Rule.MALFORMED, "The JSON document must be an array of "
                            + type.label() + " objects, was " + describe(t) + ".");
                    return;
                }
                readArray(type, p);
                expectEnd(p);
            } catch (JsonProcessingException e) {
                malformed(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** After the root value: only white space may follow. */
        private void expectEnd(JsonParser p) throws IOException {
            currentType = null;
            JsonToken t = p.nextToken();
            if (t != null) {
                JsonLocation at = p.currentTokenLocation();
                fileProblem(null, "", Rule.MALFORMED, "Unexpected " + describe(t) + " after the end of the JSON "
                        + "document at line " + at.getLineNr() + ", column " + at.getColumnNr() + ".");
            }
        }

        private void readArray(RecordType type, JsonParser p) throws IOException {
            currentType = type;
            position = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                position++;
                rows++;
                if (t == JsonToken.START_OBJECT) {
                    inRecord = true;
                    ParsedRow row = readRecord(type, p);
                    inRecord = false;
                    row.deliverTo(counter);
                } else {
                    counter.problem(new Problem(type, position, "", "", "", Rule.TYPE, "Element " + position
                            + " of \"" + type.baseName() + "\" must be a record object, was " + describe(t)
                            + "; it was not read."));
                    p.skipChildren();
                }
            }
            currentType = null;
        }

        private ParsedRow readRecord(RecordType type, JsonParser p) throws IOException {
            RowBuilder row = new RowBuilder(type, position);
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                FieldSpec<?> field = type.field(name).orElse(null);
                if (field == null) {
                    row.problem(name, "", Rule.UNKNOWN_FIELD, "\"" + name + "\" is not a field of "
                            + type.label() + " records. Remove it: identifiers, dates and local data never leave "
                            + "the site.");
                    p.skipChildren();
                } else if (!seen.add(name)) {
                    row.unparseable(name, "", Rule.MALFORMED, "\"" + name + "\" is given twice in one record.");
                    p.skipChildren();
                } else {
                    readValue(field, t, p, row);
                }
            }
            return row.build();
        }

        private void readValue(FieldSpec<?> f, JsonToken t, JsonParser p, RowBuilder row) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            Object value = null;
            String expected;
            switch (f.type()) {
                case INTEGER -> {
                    expected = "a whole number";
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        try {
                            value = p.getIntValue();
                        } catch (InputCoercionException e) {
                            row.unparseable(f.name(), p.getText(), Rule.TYPE, f.label() + " is too large for a "
                                    + "whole number: " + p.getText() + ".");
                            return;
                        }
                    }
                }
                case DECIMAL -> {
                    expected = "a number";
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        double d = p.getDoubleValue();
                        if (!Double.isFinite(d)) {
                            row.unparseable(f.name(), p.getText(), Rule.TYPE, f.label() + " is too large: "
                                    + p.getText() + ".");
                            return;
                        }
                        value = d;
                    }
                }
                case BOOLEAN -> {
                    expected = "true or false";
                    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                        value = t == JsonToken.VALUE_TRUE;
                    }
                }
                case CODES -> {
                    expected = "an array of codes";
                    if (t == JsonToken.START_ARRAY) {
                        readCodes(f, p, row);
                        return;
                    }
                }
                default -> {
                    expected = f.type() == FieldType.CODE ? "a code (string)" : "a string";
                    if (t == JsonToken.VALUE_STRING) {
                        String text = p.getText();
                        FieldText.Parsed parsed = FieldText.parse(f, text);
                        if (!parsed.isOk()) {
                            row.unparseable(f.name(), text, parsed.rule(), parsed.message());
                            return;
                        }
                        value = parsed.value();
                        if (value == null) {
                            return;
                        }
                    }
                }
            }
            if (value == null) {
                String shown = t.isScalarValue() ? p.getText() : describe(t);
                row.unparseable(f.name(), shown, Rule.TYPE, f.label() + " must be " + expected + " in JSON, was "
                        + describe(t) + (t.isScalarValue() ? " " + FieldText.echo(p.getText()) : "") + ".");
                p.skipChildren();
                return;
            }
            row.values().put(f.name(), value);
        }

        @SuppressWarnings({ "unchecked", "rawtypes" })
        private void readCodes(FieldSpec<?> f, JsonParser p, RowBuilder row) throws IOException {
            Set codes = EnumSet.noneOf((Class) f.codeList());
            StringBuilder text = new StringBuilder();
            String problem = null;
            Rule rule = null;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String item = t == JsonToken.VALUE_STRING ? p.getText() : describe(t);
                text.append(text.length() == 0 ? "" : FieldText.CODE_SEPARATOR).append(item);
                if (problem != null) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.VALUE_STRING) {
                    rule = Rule.TYPE;
                    problem = f.label() + " must be an array of code strings, one element was " + describe(t) + ".";
                    p.skipChildren();
                    continue;
                }
                Enum<?> code = FieldText.code(f, item);
                if (code == null) {
                    rule = Rule.CODE_LIST;
                    problem = item.isEmpty() ? f.label() + " contains an empty code." : FieldText.notACode(f, item);
                } else {
                    codes.add(code);
                }
            }
            if (problem != null) {
                row.unparseable(f.name(), text.toString(), rule, problem);
            } else {
                row.values().put(f.name(), codes);
            }
        }

        private void malformed(JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String inArray = currentType == null ? ""
                    : inRecord ? " (in \"" + currentType.baseName() + "\", record " + position + ")"
                    : position == 0 ? " (in \"" + currentType.baseName() + "\", before the first record)"
                    : " (in \"" + currentType.baseName() + "\", after record " + position + ")";
            counter.problem(new Problem(currentType, currentType == null ? 0 : position, "", "", "",
                    Rule.MALFORMED, "The JSON is not well-formed" + where + inArray + ": " + e.getOriginalMessage()
                            + ". Reading stopped here; the rest of the document was not read."));
        }

        private void fileProblem(RecordType type, String field, Rule rule, String message) {
            counter.problem(new Problem(type, 0, "", field, "", rule, message));
        }
    }

    private static RecordType byBaseName(String name) {
        for (RecordType t : RecordType.values()) {
            if (t.baseName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static String baseNames() {
        StringBuilder s = new StringBuilder();
        for (RecordType t : RecordType.values()) {
            s.append(s.length() == 0 ? "" : ", ").append('"').append(t.baseName()).append('"');
        }
        return s.toString();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
