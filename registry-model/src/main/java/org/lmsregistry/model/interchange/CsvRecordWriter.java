package org.lmsregistry.model.interchange;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * Writes records of one type as an interchange CSV file, one at a time: UTF-8 without a byte order
 * mark, the header in field-spec order, LF line endings, and quotes only where RFC 4180 needs them
 * (a field with ',', '"' or a line break, or with leading or trailing spaces). Reading the file back
 * gives equal records. Closing the writer closes the output.
 */
public final class CsvRecordWriter implements Closeable, Flushable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private final RecordType type;
    private final CSVPrinter printer;
    private final String[] row;
    private long written;

    private CsvRecordWriter(RecordType type, Writer out) {
        this.type = type;
        this.row = new String[type.fields().size()];
        try {
            this.printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(type.fields().stream().map(FieldSpec::name).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a file of a record type on a byte stream (UTF-8) and writes the header. */
    public static CsvRecordWriter open(RecordType type, OutputStream out) {
        return new CsvRecordWriter(type,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Starts a file of a record type on a character stream and writes the header. */
    public static CsvRecordWriter open(RecordType type, Writer out) {
        return new CsvRecordWriter(type, out);
    }

    /** Writes one record of this writer's type. */
    @SuppressWarnings("unchecked")
    public CsvRecordWriter write(RegistryRecord record) {
        if (RecordType.of(record) != type) {
            throw new IllegalArgumentException("a " + RecordType.of(record).label() + " cannot be written to "
                    + type.fileName());
        }
        int i = 0;
        for (FieldSpec<?> f : type.fields()) {
            row[i++] = FieldText.format(((FieldSpec<RegistryRecord>) f).valueOf(record));
        }
        try {
            printer.printRecord((Object[]) row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
        return this;
    }

    public CsvRecordWriter writeAll(Iterable<? extends RegistryRecord> records) {
        records.forEach(this::write);
        return this;
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
