package org.lmsregistry.model.interchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;

/**
 * A folder of interchange CSV files, one per record type ({@code patients.csv},
 * {@code tumours.csv}, ...), as a site exports and uploads it. Any subset of the files may be
 * present; every other {@code *.csv} file is reported (an UNKNOWN_FIELD problem without record type,
 * the file name as its value) and not read; files with other extensions are ignored. Files are read
 * in {@link RecordType} order, so problems come in a stable order.
 */
public final class InterchangeFolder {

    private InterchangeFolder() {
    }

    /** Streams every interchange file of a folder into a sink. */
    public static ReadStats read(Path folder, RecordSink sink) throws IOException {
        List<Path> csv;
        try (Stream<Path> files = Files.list(folder)) {
            csv = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted(Comparator.comparing(InterchangeFolder::order)
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        }
        ReadStats stats = ReadStats.NONE;
        for (Path file : csv) {
            stats = stats.plus(CsvInterchange.read(file, sink));
        }
        return stats;
    }

    /** Reads every interchange file of a folder into one batch, with each record's row and every problem. */
    public static ParseResult readAll(Path folder) throws IOException {
        ParseResult.Collector collector = new ParseResult.Collector();
        read(folder, collector);
        return collector.result();
    }

    /**
     * Writes a batch as one file per record type into a folder (created if needed), replacing files
     * of the same names; types without records get a file with the header only.
     *
     * @return the files written, in record-type order
     */
    public static List<Path> write(RegistryBatch batch, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (RecordType t : RecordType.values()) {
            Path file = folder.resolve(t.fileName());
            CsvInterchange.write(t, batch.records(t), file);
            written.add(file);
        }
        return written;
    }

    private static int order(Path file) {
        String name = file.getFileName().toString();
        Optional<RecordType> type = RecordType.ofFileName(name).filter(t -> t.fileName().equals(name));
        return type.map(Enum::ordinal).orElse(RecordType.values().length);
    }
}
