package org.lmsregistry.analysis.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.lmsregistry.model.record.RecordType;

/**
 * Writes the registry as an interchange CSV folder (one file per record type, as
 * {@code InterchangeFolder.write} does): the rows are formatted in parallel (Spark text output, one
 * part per partition) and the parts are then joined in partition order behind the header, so the files
 * are byte for byte those a single-threaded writer produces for the same rows in the same order.
 */
public final class InterchangeWriter {

    /** The interchange CSV dialect (the registry model's CsvRecordWriter): RFC 4180, LF, minimal quoting. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private InterchangeWriter() {
    }

    /** Writes every table into a new folder (which must not exist or be empty). */
    public static void write(RegistryData data, String target) {
        if (!Storage.absentOrEmpty(target)) {
            throw new IllegalArgumentException("folder " + target + " exists and is not empty; give a new folder");
        }
        String staging = Storage.stagingFor(target);
        try {
            Storage.mkdirs(staging);
            for (RecordType t : RecordType.values()) {
                String parts = Storage.child(staging, "_parts_" + t.baseName());
                MapFunction<Row, String> line = row -> FORMAT.format((Object[]) RegistryRows.toText(t, row));
                RegistrySchema.interchange(t, data.table(t)).map(line, Encoders.STRING()).write()
                        .mode(SaveMode.ErrorIfExists).text(parts);
                join(t, parts, Storage.child(staging, t.fileName()));
                Storage.delete(parts);
            }
            Storage.moveInto(staging, target);
        } catch (RuntimeException e) {
            Storage.delete(staging);
            throw e;
        }
    }

    private static void join(RecordType t, String partsFolder, String file) {
        List<String> parts = new ArrayList<>();
        for (FileStatus s : Storage.files(partsFolder)) {
            String name = s.getPath().getName();
            if (name.startsWith("part-")) {
                parts.add(s.getPath().toString());
            }
        }
        try (OutputStream out = Storage.create(file)) {
            String header = FORMAT.format((Object[]) RegistrySchema.columns(t)) + "\n";
            out.write(header.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                try (InputStream in = Storage.open(part)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
