package org.lmsregistry.model.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

/**
 * Reading and writing single interchange CSV files: streaming into a {@link RecordSink}, or all at
 * once into a {@link ParseResult}. Methods that take a stream leave it open; methods that take a path
 * open and close the file. See {@link CsvRecordReader} for the rules of the format.
 */
public final class CsvInterchange {

    private CsvInterchange() {
    }

    /** Streams a CSV file of a record type into a sink: header problems first, then row by row. */
    public static ReadStats read(RecordType type, InputStream in, RecordSink sink) {
        ReadStats.Counter counter = new ReadStats.Counter(sink);
        try (CsvRecordReader reader = CsvRecordReader.open(type, CloseShieldInputStream.wrap(in))) {
            reader.headerProblems().forEach(counter::problem);
            while (reader.hasNext()) {
                reader.next().deliverTo(counter);
            }
            return counter.stats(reader.rowsRead());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole CSV file of a record type into memory. */
    public static ParseResult readAll(RecordType type, InputStream in) {
        ParseResult.Collector collector = new ParseResult.Collector();
        read(type, in, collector);
        return collector.result();
    }

    /**
     * Streams a CSV file whose name tells its record type (e.g. {@code patients.csv}); a file with
     * any other name is reported and not read.
     */
    public static ReadStats read(Path file, RecordSink sink) throws IOException {
        String name = file.getFileName().toString();
        Optional<RecordType> type = RecordType.ofFileName(name).filter(t -> t.fileName().equals(name));
        if (type.isEmpty()) {
            sink.problem(unknownFile(name));
            return new ReadStats(0, 0, 1, 0);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(type.get(), in, sink);
        }
    }

    /** Reads a whole CSV file whose name tells its record type into memory. */
    public static ParseResult readAll(Path file) throws IOException {
        ParseResult.Collector collector = new ParseResult.Collector();
        read(file, collector);
        return collector.result();
    }

    /** Writes records of one type as a complete CSV file (header included). */
    public static long write(RecordType type, Iterable<? extends RegistryRecord> records, OutputStream out) {
        try (CsvRecordWriter writer = CsvRecordWriter.open(type, CloseShieldOutputStream.wrap(out))) {
            writer.writeAll(records);
            return writer.written();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes records of one type to a file, replacing it. */
    public static long write(RecordType type, Iterable<? extends RegistryRecord> records, Path file)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(type, records, out);
        }
    }

    static Problem unknownFile(String name) {
        StringBuilder names = new StringBuilder();
        for (RecordType t : RecordType.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(t.fileName());
        }
        return new Problem(null, 0, "", "", name, Rule.UNKNOWN_FIELD, "\"" + name
                + "\" is not a registry file and was not read; the files are " + names + ".");
    }
}
