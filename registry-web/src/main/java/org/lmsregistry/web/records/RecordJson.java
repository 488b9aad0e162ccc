package org.lmsregistry.web.records;

import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.infrastructure.json.CanonicalJson;

/**
 * Records as JSON, in the interchange format (field names as properties, codes as their code text,
 * code sets as arrays): read with the model's own JSON reader, so that a record sent to the REST API
 * meets exactly the rules of an uploaded one (unknown properties, wrong types and bad codes are
 * problems with field and rule, never silently dropped).
 */
public final class RecordJson {

    private RecordJson() {
    }

    /** Reads one record object of a type from a request body (already size-limited). */
    public static ParseResult readOne(RecordType type, InputStream body) {
        InputStream array = new SequenceInputStream(new SequenceInputStream(bytes("["), body), bytes("]"));
        ParseResult.Collector collector = new ParseResult.Collector();
        JsonInterchange.readRecords(type, array, collector);
        return collector.result();
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a record as a JSON object; absent values are left out, as in the interchange format. */
    @SuppressWarnings("unchecked")
    public static void write(JsonGenerator g, RegistryRecord record) {
        g.writeStartObject();
        writeMembers(g, record);
        g.writeEnd();
    }

    /** Writes a record's fields as members of the object the generator is in. */
    @SuppressWarnings("unchecked")
    public static void writeMembers(JsonGenerator g, RegistryRecord record) {
        for (FieldSpec<?> f : RecordType.of(record).fields()) {
            Object value = ((FieldSpec<RegistryRecord>) f).valueOf(record);
            if (value == null || (value instanceof Set<?> s && s.isEmpty())) {
                continue;
            }
            if (value instanceof Integer i) {
                g.write(f.name(), i);
            } else if (value instanceof Double d) {
                g.write(f.name(), d);
            } else if (value instanceof Boolean b) {
                g.write(f.name(), b);
            } else if (value instanceof CodeList c) {
                g.write(f.name(), c.code());
            } else if (value instanceof Collection<?> codes) {
                g.writeStartArray(f.name());
                for (Object c : codes) {
                    g.write(((CodeList) c).code());
                }
                g.writeEnd();
            } else {
                g.write(f.name(), value.toString());
            }
        }
    }

    /** A record as a JSON object; absent values are left out, as in the interchange format. */
    @SuppressWarnings("unchecked")
    public static JsonObject toJson(RegistryRecord record) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        for (FieldSpec<?> f : RecordType.of(record).fields()) {
            Object value = ((FieldSpec<RegistryRecord>) f).valueOf(record);
            if (value == null || (value instanceof Set<?> s && s.isEmpty())) {
                continue;
            }
            if (value instanceof Integer i) {
                b.add(f.name(), i);
            } else if (value instanceof Double d) {
                b.add(f.name(), d);
            } else if (value instanceof Boolean bool) {
                b.add(f.name(), bool);
            } else if (value instanceof CodeList c) {
                b.add(f.name(), c.code());
            } else if (value instanceof Collection<?> codes) {
                JsonArrayBuilder array = Jsonp.createArrayBuilder();
                codes.forEach(c -> array.add(((CodeList) c).code()));
                b.add(f.name(), array);
            } else {
                b.add(f.name(), value.toString());
            }
        }
        return b.build();
    }

    /**
     * The canonical JSON of a record for the audit trail: every field in field order, absent ones as
     * null, code sets as arrays in code-list order; the same record always gives the same text.
     */
    @SuppressWarnings("unchecked")
    public static String canonical(RegistryRecord record) {
        CanonicalJson json = CanonicalJson.object();
        for (FieldSpec<?> f : RecordType.of(record).fields()) {
            Object value = ((FieldSpec<RegistryRecord>) f).valueOf(record);
            json.memberRaw(f.name(), canonicalValue(value));
        }
        return json.end();
    }

    private static String canonicalValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d.toString() : CanonicalJson.quote(d.toString());
        }
        if (value instanceof CodeList c) {
            return CanonicalJson.quote(c.code());
        }
        if (value instanceof Collection<?> codes) {
            List<Enum<?>> sorted = new java.util.ArrayList<>();
            codes.forEach(c -> sorted.add((Enum<?>) c));
            sorted.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
            CanonicalJson array = CanonicalJson.array();
            sorted.forEach(c -> array.element(((CodeList) c).code()));
            return array.end();
        }
        return CanonicalJson.quote(value.toString());
    }
}
