package org.lmsregistry.model.interchange;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

/**
 * Reads one interchange CSV file row by row: a pull-style iterator of {@link ParsedRow}s that holds
 * only the current row, so files of any length are read in bounded memory.
 *
 * <p>The file is UTF-8 (a leading UTF-8 byte order mark is skipped), RFC 4180 (fields separated by
 * ',', quoted with '"', a quote inside a quoted field doubled), lines end in CRLF or LF. Line 1 is
 * the header of field names, in any order; optional columns may be left out. Problems of the header
 * ({@link #headerProblems()}: unknown columns, missing required columns, duplicates) are reported
 * once, at line 1. Each data row is converted field by field (TYPE, CODE_LIST), checked with the
 * single-record rules and then built; its problems carry the line the row starts on. Blank lines and
 * rows whose fields are all empty carry no data and are skipped. A structural break (an unterminated
 * quote, text after a closing quote, bytes that are not UTF-8) ends the reading with a MALFORMED
 * problem at the row's line, which says that later lines were not read.
 *
 * <p>Closing the reader closes the input stream.
 */
public final class CsvRecordReader implements Iterator<ParsedRow>, Closeable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /**
     * The longest row read, in characters (1 Mi): far above any valid row (free text is at most
     * 2,000 characters), and the bound that keeps memory small when a quote is never closed.
     */
    public static final int MAX_ROW_CHARS = 1 << 20;

    private final RecordType type;
    private final InputStream source;
    private final CSVParser parser;
    private Utf8Reader chars;
    private final Iterator<CSVRecord> records;
    private final List<Problem> headerProblems = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    /** The field of each column, or null for a column that is ignored (unknown, duplicate). */
    private final List<FieldSpec<?>> columnFields = new ArrayList<>();
    private final List<String> missingRequired = new ArrayList<>();
    private ParsedRow next;
    private boolean finished;
    private long rows;

    private CsvRecordReader(RecordType type, InputStream in) {
        this.type = type;
        this.source = in;
        BOMInputStream bomIn;
        CSVParser p = null;
        try {
            bomIn = BOMInputStream.builder().setInputStream(in).setInclude(false)
                    .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16BE, ByteOrderMark.UTF_16LE,
                            ByteOrderMark.UTF_32BE, ByteOrderMark.UTF_32LE)
                    .get();
            ByteOrderMark bom = bomIn.getBOM();
            if (bom != null && !bom.equals(ByteOrderMark.UTF_8)) {
                fileProblem(1, "", Rule.MALFORMED, "The file is encoded as " + bom.getCharsetName()
                        + "; save it as UTF-8. No row was read.");
            } else {
                chars = new Utf8Reader(bomIn);
                p = CSVParser.builder().setReader(chars).setFormat(FORMAT).get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.parser = p;
        this.records = p == null ? null : p.iterator();
        if (p == null) {
            finished = true;
        } else {
            readHeader();
        }
    }

    /** Opens a CSV file of a record type and reads its header. */
    public static CsvRecordReader open(RecordType type, InputStream in) {
        return new CsvRecordReader(type, in);
    }

    public RecordType type() {
        return type;
    }

    /** The columns of the header as written, in file order. */
    public List<String> columns() {
        return List.copyOf(columns);
    }

    /** The problems of the header (line 1), or of a file that has none. */
    public List<Problem> headerProblems() {
        return List.copyOf(headerProblems);
    }

    /** Data rows read so far (blank lines not counted). */
    public long rowsRead() {
        return rows;
    }

    private void readHeader() {
        CSVRecord header = nextCsvRecord(1);
        if (header == null) {
            if (next == null) {
                fileProblem(1, "", Rule.MALFORMED, "The file is empty; line 1 must be the header with the field "
                        + "names: " + fieldNames() + ".");
            } else {
                headerProblems.addAll(next.problems());
                next = null;
                rows = 0;
            }
            finished = true;
            return;
        }
        if (isBlank(header)) {
            fileProblem(1, "", Rule.MALFORMED, "Line 1 has no column names; it must be the header with the field names: "
                    + fieldNames() + ". No row was read.");
            finished = true;
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            columns.add(name);
            FieldSpec<?> field = type.field(name).orElse(null);
            if (field == null) {
                fileProblem(1, name, Rule.UNKNOWN_FIELD, unknownColumn(name, i + 1));
            } else if (!seen.add(name)) {
                field = null;
                fileProblem(1, name, Rule.MALFORMED, "Column " + (i + 1) + " \"" + name
                        + "\" repeats an earlier column; each field may appear once. This column was not read.");
            }
            columnFields.add(field);
        }
        for (FieldSpec<?> f : type.fields()) {
            if (!seen.contains(f.name()) && f.isRequired()) {
                missingRequired.add(f.name());
                fileProblem(1, f.name(), Rule.REQUIRED, "The required column \"" + f.name() + "\" (" + f.label()
                        + ") is missing from the header of " + type.fileName()
                        + "; no row of this file can be accepted without it.");
            }
        }
    }

    private String unknownColumn(String name, int position) {
        String message = (name.isEmpty() ? "Column " + position + " has no name" : "Column " + position + " \""
                + name + "\" is not a field of " + type.fileName()) + ". Remove it: identifiers, dates and local "
                + "data never leave the site. The fields are: " + fieldNames() + ".";
        String folded = name.strip().toLowerCase(Locale.ROOT);
        return type.field(folded).map(f -> message + " Did you mean \"" + f.name() + "\"?").orElse(message);
    }

    private String fieldNames() {
        return type.fields().stream().map(FieldSpec::name).collect(Collectors.joining(", "));
    }

    private void fileProblem(long line, String field, Rule rule, String message) {
        headerProblems.add(new Problem(type, line, "", field, "", rule, message));
    }

    @Override
    public boolean hasNext() {
        while (next == null && !finished) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r = nextCsvRecord(line);
            if (r == null) {
                finished = true;
            } else if (!isBlank(r)) {
                rows++;
                next = parseRow(r, line);
            }
        }
        return next != null;
    }

    @Override
    public ParsedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ParsedRow row = next;
        next = null;
        return row;
    }

    /** Reads the next CSV record; on a structural error sets {@link #next} to a MALFORMED row and stops. */
    private CSVRecord nextCsvRecord(long line) {
        chars.limitFromHere(MAX_ROW_CHARS);
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            String message;
            if (cause instanceof Utf8Reader.LimitExceededException) {
                message = "The row starting on line " + line + " is longer than " + MAX_ROW_CHARS + " characters: "
                        + "most likely a quoted field is never closed (a '\"' is missing).";
            } else if (cause instanceof CharacterCodingException) {
                message = "The row starting on line " + line + " contains bytes that are not UTF-8 (was the file "
                        + "saved as Latin-1 or Windows-1252?); save the file as UTF-8.";
            } else if (cause instanceof org.apache.commons.csv.CSVException && String.valueOf(cause.getMessage())
                    .contains("EOF reached before encapsulated token finished")) {
                message = "A quoted field starting on line " + line + " is never closed: a '\"' is missing.";
            } else if (cause instanceof org.apache.commons.csv.CSVException) {
                message = "The row starting on line " + line + " is not valid CSV (" + cause.getMessage()
                        + "); inside a quoted field write a quote as \"\".";
            } else {
                throw e;
            }
            message += " Reading stopped here: lines from " + line + " on were not read.";
            rows++;
            next = new ParsedRow(type, line, null, List.of(new Problem(type, line, "", "", "", Rule.MALFORMED,
                    message)));
            finished = true;
            return null;
        }
    }

    private static boolean isBlank(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (!r.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private ParsedRow parseRow(CSVRecord r, long line) {
        if (r.size() != columns.size()) {
            return new ParsedRow(type, line, null, List.of(new Problem(type, line, "", "", "", Rule.MALFORMED,
                    "The row starting on line " + line + " has " + r.size() + (r.size() == 1 ? " field" : " fields")
                            + " but the header has " + columns.size() + "; the row was not read. Quote fields that "
                            + "contain ',' or line breaks.")));
        }
        RowBuilder row = new RowBuilder(type, line);
        for (int i = 0; i < columnFields.size(); i++) {
            FieldSpec<?> f = columnFields.get(i);
            if (f != null) {
                String text = r.get(i);
                FieldText.Parsed parsed = FieldText.parse(f, text);
                if (parsed.isOk()) {
                    row.values().put(f.name(), parsed.value());
                } else {
                    row.unparseable(f.name(), text, parsed.rule(), parsed.message());
                }
            }
        }
        for (String missing : missingRequired) {
            row.missingColumn(missing);
        }
        return row.build();
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            source.close();
        }
    }
}
