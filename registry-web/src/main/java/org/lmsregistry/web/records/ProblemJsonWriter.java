package org.lmsregistry.web.records;

import jakarta.json.stream.JsonGenerator;
import java.util.List;
import org.lmsregistry.model.validation.Problem;

/**
 * Validation problems as JSON, the same everywhere (upload answers, 422 problem details, data
 * queries): record type and its file, row, record key, field, value, rule id, severity, message.
 * The names are the ETL report's (etl {@code Report}, {@code UploadCommand} reads this shape back).
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
        // always every key (null for a problem with no record type, e.g. an unknown file), so that readers see one shape
        if (p.recordType() != null) {
            g.write("record_type", p.recordType().name());
            g.write("file", p.recordType().fileName());
        } else {
            g.writeNull("record_type");
            g.writeNull("file");
        }
        g.write("row", p.row());
        g.write("record_key", p.recordKey());
        g.write("field", p.field());
        g.write("value", p.value());
        g.write("rule", p.rule().id());
        g.write("severity", p.severity().name());
        g.write("message", p.message());
        g.writeEnd();
    }
}
