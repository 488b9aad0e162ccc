package org.lmsregistry.web.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;
import org.lmsregistry.web.application.PayloadTooLargeException;

/**
 * Streams a spooled upload through the model's interchange readers (which apply every single-record
 * rule while reading) into a {@link ParsedUpload}. A zip is read entry by entry, with a cap on the
 * unpacked size (zip bombs); every file must be an interchange file ({@code patients.csv}, ...), each
 * record type at most once.
 */
public final class UploadParser {

    private UploadParser() {
    }

    public static void parse(SpooledUpload upload, RecordType csvType, ParsedUpload sink, long maxUnpackedBytes)
            throws IOException {
        switch (upload.format()) {
            case JSON -> {
                try (InputStream in = Files.newInputStream(upload.parts().get(0).file())) {
                    JsonInterchange.read(in, sink);
                }
            }
            case CSV -> {
                try (InputStream in = Files.newInputStream(upload.parts().get(0).file())) {
                    CsvInterchange.read(csvType, in, sink);
                }
            }
            case MULTIPART -> {
                Set<RecordType> seen = EnumSet.noneOf(RecordType.class);
                for (SpooledUpload.Part part : upload.parts()) {
                    Optional<RecordType> type = typeOf(part.name(), sink, seen);
                    if (type.isPresent()) {
                        try (InputStream in = Files.newInputStream(part.file())) {
                            CsvInterchange.read(type.get(), in, sink);
                        }
                    }
                }
            }
            case ZIP -> parseZip(upload, sink, maxUnpackedBytes);
        }
    }

    private static void parseZip(SpooledUpload upload, ParsedUpload sink, long maxUnpackedBytes) throws IOException {
        long[] unpacked = {0};
        Set<RecordType> seen = EnumSet.noneOf(RecordType.class);
        try (ZipFile zip = new ZipFile(upload.parts().get(0).file().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int count = 0;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (entry.isDirectory() || base.startsWith(".") || name.startsWith("__MACOSX/")) {
                    continue;
                }
                if (++count > 64) {
                    sink.problem(new Problem(null, 0, "", "", name, Rule.MALFORMED,
                            "The zip has too many files; it should hold the interchange CSV files only."));
                    return;
                }
                Optional<RecordType> type = typeOf(base, sink, seen);
                if (type.isPresent()) {
                    try (InputStream in = new Capped(zip.getInputStream(entry), unpacked, maxUnpackedBytes)) {
                        CsvInterchange.read(type.get(), in, sink);
                    }
                }
            }
        } catch (ZipException e) {
            sink.problem(new Problem(null, 0, "", "", "", Rule.MALFORMED,
                    "The body is not a readable zip file (" + e.getMessage() + ")."));
        }
    }

    private static Optional<RecordType> typeOf(String fileName, ParsedUpload sink, Set<RecordType> seen) {
        Optional<RecordType> type = RecordType.ofFileName(fileName).filter(t -> t.fileName().equals(fileName));
        if (type.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (RecordType t : RecordType.values()) {
                names.append(names.length() == 0 ? "" : ", ").append(t.fileName());
            }
            sink.problem(new Problem(null, 0, "", "", fileName, Rule.UNKNOWN_FIELD,
                    "\"" + fileName + "\" is not a registry file and was not read; the files are " + names + "."));
            return Optional.empty();
        }
        if (!seen.add(type.get())) {
            sink.problem(new Problem(type.get(), 0, "", "", fileName, Rule.MALFORMED,
                    "\"" + fileName + "\" is given twice; give each record type once. The second was not read."));
            return Optional.empty();
        }
        return type;
    }

    /** Counts unpacked bytes across a zip's entries and stops at the cap. */
    private static final class Capped extends FilterInputStream {
        private final long[] total;
        private final long cap;

        Capped(InputStream in, long[] total, long cap) {
            super(in);
            this.total = total;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            total[0] += n;
            if (total[0] > cap) {
                throw new PayloadTooLargeException("The zip unpacks to more than " + cap
                        + " bytes (lms.upload.max-unpacked-bytes); split it into several batches.");
            }
        }
    }
}
