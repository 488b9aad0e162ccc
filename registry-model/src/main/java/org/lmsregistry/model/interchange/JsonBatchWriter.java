package org.lmsregistry.model.interchange;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a JSON batch object record by record, in bounded memory: records must arrive grouped by
 * type (all patients, then all tumours, ...; any order of types, each type once). The layout puts
 * each record on a line of its own, so that Jackson's line numbers point at records; with
 * {@code pretty} a space follows each ':' and ',' inside records. Closing the writer ends the document and closes
 * the output stream.
 */
public final class JsonBatchWriter implements Closeable, Flushable {

    private final JsonGenerator g;
    private final Set<RecordType> done = EnumSet.noneOf(RecordType.class);
    private RecordType current;
    private boolean closed;

    public JsonBatchWriter(OutputStream out, boolean pretty) {
        try {
            this.g = JsonInterchange.FACTORY.createGenerator(out);
            g.setPrettyPrinter(new RecordPerLine(pretty));
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the array of a record type (also when it stays empty); ends the previous one. */
    public JsonBatchWriter begin(RecordType type) {
        if (type == current) {
            return this;
        }
        if (!done.add(type)) {
            throw new IllegalStateException("the records of " + type.baseName() + " were already written; "
                    + "write each type's records together");
        }
        try {
            if (current != null) {
                g.writeEndArray();
            }
            current = type;
            g.writeArrayFieldStart(type.baseName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes one record into its type's array (started on the first record of a type). */
    public JsonBatchWriter write(RegistryRecord record) {
        begin(RecordType.of(record));
        try {
            JsonInterchange.writeRecord(g, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
        try (g) {
            if (g.getOutputTarget() instanceof OutputStream out) {
                out.close();
            }
        }
    }

    /**
     * One record per line: a line break before each element of a record-type array and before the
     * array's end and around the batch object's properties; inside records no white space (or, with
     * {@code pretty}, a space after ':' and ',').
     */
    private static final class RecordPerLine extends com.fasterxml.jackson.core.util.MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;
        private final boolean pretty;

        RecordPerLine(boolean pretty) {
            this.pretty = pretty;
        }

        private static boolean isRecordArray(JsonGenerator g) {
            return g.getOutputContext().inArray() && g.getOutputContext().getNestingDepth() == 2;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isRecordArray(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(isRecordArray(g) ? ",\n" : pretty ? ", " : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (isRecordArray(g) && nrOfValues > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw(g.getOutputContext().getNestingDepth() == 1 ? "{\n" : "{");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            g.writeRaw(g.getOutputContext().getNestingDepth() == 1 ? "\n}" : "}");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(pretty ? ": " : ":");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            boolean topLevel = g.getOutputContext().getNestingDepth() == 1;
            g.writeRaw(topLevel ? ",\n" : pretty ? ", " : ",");
        }
    }
}
