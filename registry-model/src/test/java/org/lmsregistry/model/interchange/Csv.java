package org.lmsregistry.model.interchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

/** Small helpers for CSV tests. */
final class Csv {

    private Csv() {
    }

    /** A read-only copy typed for AssertJ (which cannot compare wildcard captures). */
    static List<RegistryRecord> list(List<? extends RegistryRecord> records) {
        return List.copyOf(records);
    }

    static String write(RecordType type, List<? extends RegistryRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvInterchange.write(type, records, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static ParseResult read(RecordType type, String text) {
        return read(type, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParseResult read(RecordType type, byte[] bytes) {
        return CsvInterchange.readAll(type, new ByteArrayInputStream(bytes));
    }
}
