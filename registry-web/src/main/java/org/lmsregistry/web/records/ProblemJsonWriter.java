package org.lmsregistry.web.records;

import jakarta.json.stream.JsonGenerator;
import java.util.List;
import org.lmsregistry.model.validation.Problem;

/**
 * Validation problems as JSON, the same everywhere (upload answers, 422 problem details, data
 * queries): record type and its file, row, record key, field, value, rule id, severity, message.
 */
public final class ProblemJsonWriter {

    private ProblemJsonWriter() {
    }

    public static void writeArray(JsonGenerator g, String name, List<Problem> problems) {
        g.writeStartArray(name);
        for (Problem p : problems) {
            write(g, p);
        }
        g.writeEnd();
    }

    public static void write(JsonGenerator g, Problem p) {
        g.writeStartObject();
        if (p.recordType() != null) {
            g.write("recordType", p.recordType().name());
            g.write("file", p.recordType().fileName());
        }
        g.write("row", p.row());
        g.write("recordKey", p.recordKey());
        g.write("field", p.field());
        g.write("value", p.value());
        g.write("rule", p.rule().id());
        g.write("severity", p.severity().name());
        g.write("message", p.message());
        g.writeEnd();
    }
}
