package org.lmsregistry.etl.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.ExitCode;

/**
 * Reads a site export into a {@link SourceTable} of text cells, keeping each row's line (CSV) or
 * spreadsheet row (XLSX). Nothing is converted here except what the file format itself defines:
 * XLSX date cells become ISO dates ({@code 2019-03-12}, no time zone involved) and XLSX numbers are
 * written in full (not as displayed) with the source's decimal separator.
 *
 * <p>Why not Tablesaw's own readers: its CSV reader drops blank lines and trims values and has no line
 * numbers; its XLSX reader (tablesaw-excel 0.44.4) stops at the first blank row, returns numbers
 * rounded to their display format and dates through the machine's time zone. The cells read here are
 * put into a Tablesaw table, where the mapping is done.
 */
public final class SourceReader {

    /** Longest CSV field accepted, in characters. */
    static final int MAX_FIELD_CHARS = 1 << 20;

    private SourceReader() {
    }

    /** A source that could not be read at all: the file is missing or not of its declared format. */
    public static final class SourceException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long line;

        SourceException(String message, long line) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** Reads the source of a compiled mapping. */
    static SourceTable read(Mapping.Source source) throws SourceException {
        if (!Files.isRegularFile(source.path())) {
            throw new EtlException(ExitCode.IO, "Source \"" + source.name() + "\": no file " + source.path() + ".",
                    new NoSuchFileException(source.path().toString()));
        }
        SourceTable table = source.xlsx() ? readXlsx(source) : readCsv(source);
        table.clean(source.missingValues());
        return table;
    }

    // ---------------------------------------------------------------------------------------------- CSV

    static SourceTable readCsv(Mapping.Source source) throws SourceException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source.path());
        } catch (IOException e) {
            throw EtlException.io("Cannot read " + source.path() + ": " + e.getMessage(), e);
        }
        String text = decode(bytes, source.charset(), source.displayName());
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(source.delimiter()).setQuote(source.quote())
                .setIgnoreEmptyLines(false).setMaxRows(0).get();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException e) {
                    throw new SourceException("The CSV row starting on line " + line + " is broken ("
                            + e.getCause().getMessage() + "): most likely a quote (" + source.quote()
                            + ") is not closed. No row of this file was used.", line);
                }
                String[] cells = new String[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    cells[i] = r.get(i);
                    if (cells[i].length() > MAX_FIELD_CHARS) {
                        throw new SourceException("A field on line " + line + " is longer than " + MAX_FIELD_CHARS
                                + " characters: a quote is probably not closed.", line);
                    }
                }
                rows.add(cells);
                lines.add((int) line);
            }
        } catch (IOException e) {
            throw EtlException.io("Cannot read " + source.path() + ": " + e.getMessage(), e);
        }
        return table(source, rows, lines, false);
    }

    /** Decodes the whole file strictly; a byte order mark chooses the character set. */
    static String decode(byte[] bytes, Charset configured, String display) throws SourceException {
        Charset charset = configured;
        int skip = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (MalformedInputException | UnmappableCharacterException e) {
            // find the line of the first bad byte: decode up to it leniently and count line breaks
            int bad = findBadByte(bytes, skip, charset);
            String before = new String(bytes, skip, Math.max(0, bad - skip), charset);
            long line = before.chars().filter(ch -> ch == '\n').count() + 1;
            throw new SourceException(display + " is not valid " + charset.name() + " (line " + line + ", byte "
                    + String.format("0x%02X", bytes[bad] & 0xFF) + "). Set \"encoding\" for this source in the "
                    + "mapping (e.g. windows-1252 or ISO-8859-1 for older Excel exports).", line);
        } catch (CharacterCodingException e) {
            throw new SourceException(display + " cannot be decoded as " + charset.name() + ".", 0);
        }
    }

    private static int findBadByte(byte[] bytes, int from, Charset charset) {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 16);
        var result = d.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length - 1;
    }

    // --------------------------------------------------------------------------------------------- XLSX

    static SourceTable readXlsx(Mapping.Source source) throws SourceException {
        try {
            org.apache.poi.poifs.filesystem.FileMagic magic = org.apache.poi.poifs.filesystem.FileMagic.valueOf(
                    source.path().toFile());
            if (magic != org.apache.poi.poifs.filesystem.FileMagic.OOXML
                    && magic != org.apache.poi.poifs.filesystem.FileMagic.OLE2) {
                throw new SourceException(source.displayName() + " is not an XLSX workbook (it looks like "
                        + magic + "). Save it as .xlsx, or declare it as format: csv.", 0);
            }
        } catch (IOException e) {
            throw EtlException.io("Cannot read " + source.path() + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(source.path());
                Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet;
            if (source.sheet() != null) {
                sheet = wb.getSheet(source.sheet());
                if (sheet == null) {
                    List<String> names = new ArrayList<>();
                    wb.forEach(s -> names.add(s.getSheetName()));
                    throw new SourceException(source.displayName() + " has no sheet \"" + source.sheet()
                            + "\"; its sheets are " + names + ".", 0);
                }
            } else {
                sheet = wb.getSheetAt(0);
            }
            boolean date1904 = wb instanceof org.apache.poi.xssf.usermodel.XSSFWorkbook x && x.isDate1904();
            int width = 0;
            for (Row row : sheet) {
                width = Math.max(width, row.getLastCellNum());
            }
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String[] cells = new String[width];
                Arrays.fill(cells, "");
                if (row != null) {
                    for (int c = 0; c < width; c++) {
                        Cell cell = row.getCell(c);
                        cells[c] = cell == null ? "" : text(cell, cell.getCellType(), date1904, source.decimalSeparator());
                    }
                }
                rows.add(cells);
                lines.add(r + 1);
            }
            // a merged region shows its first cell's value in every cell it covers
            for (CellRangeAddress region : sheet.getMergedRegions()) {
                if (region.getFirstRow() >= rows.size()) {
                    continue;
                }
                String value = rows.get(region.getFirstRow())[Math.min(region.getFirstColumn(), width - 1)];
                for (int r = region.getFirstRow(); r <= Math.min(region.getLastRow(), rows.size() - 1); r++) {
                    for (int c = region.getFirstColumn(); c <= Math.min(region.getLastColumn(), width - 1); c++) {
                        rows.get(r)[c] = value;
                    }
                }
            }
            String display = source.displayName() + " [" + sheet.getSheetName() + "]";
            return table(source.withDisplay(display), rows, lines, true);
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                | org.apache.poi.poifs.filesystem.NotOLE2FileException | org.apache.poi.EmptyFileException e) {
            throw new SourceException(source.displayName() + " is not an XLSX workbook (" + e.getMessage()
                    + "). Save it as .xlsx, or declare it as format: csv.", 0);
        } catch (IOException e) {
            throw EtlException.io("Cannot read " + source.path() + ": " + e.getMessage(), e);
        }
    }

    /** The text of a cell: strings as they are, numbers in full, dates as ISO dates, booleans TRUE/FALSE. */
    static String text(Cell cell, CellType type, boolean date1904, char decimalSeparator) {
        switch (type) {
            case STRING:
                return cell.getStringCellValue();
            case NUMERIC:
                double v = cell.getNumericCellValue();
                if (DateUtil.isCellDateFormatted(cell) && DateUtil.isValidExcelDate(v)) {
                    LocalDateTime t = DateUtil.getLocalDateTime(v, date1904);
                    return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                            : t.toString();
                }
                String n = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
                return decimalSeparator == '.' ? n : n.replace('.', decimalSeparator);
            case BOOLEAN:
                return cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case FORMULA:
                return text(cell, cell.getCachedFormulaResultType(), date1904, decimalSeparator);
            case ERROR:
                return FormulaError.forInt(cell.getErrorCellValue()).getString();
            default:
                return "";
        }
    }

    // ------------------------------------------------------------------------------------------- header

    /**
     * Splits rows into skipped rows, header rows and data rows. The header names of several header
     * rows are joined with a space. In a CSV file, in every header row but the last, an empty cell
     * above a named column takes the value of the nearest non-empty cell to its left (how merged group
     * titles look once exported); in XLSX the merged regions themselves say which columns a title covers.
     */
    private static SourceTable table(Mapping.Source source, List<String[]> rows, List<Integer> lines,
            boolean spreadsheet) throws SourceException {
        int first = source.skipRows();
        int headerRows = source.headerRows();
        if (rows.size() < first + headerRows) {
            throw new SourceException(source.displayName() + " has " + rows.size() + " rows; the mapping expects "
                    + first + " row(s) to skip and " + headerRows + " header row(s).", 0);
        }
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r.length);
        }
        String[] names = new String[width];
        Arrays.fill(names, "");
        String[] last = rows.get(first + headerRows - 1);
        for (int h = 0; h < headerRows; h++) {
            String[] row = rows.get(first + h);
            String left = "";
            for (int c = 0; c < width; c++) {
                String cell = c < row.length ? SourceTable.normaliseHeader(row[c]) : "";
                boolean named = c < last.length && !SourceTable.normaliseHeader(last[c]).isEmpty();
                if (cell.isEmpty() && h < headerRows - 1 && !spreadsheet && named) {
                    cell = left;
                } else {
                    left = cell;
                }
                if (!cell.isEmpty()) {
                    names[c] = names[c].isEmpty() ? cell : names[c] + " " + cell;
                }
            }
        }
        List<String[]> data = rows.subList(first + headerRows, rows.size());
        List<Integer> dataLines = lines.subList(first + headerRows, lines.size());
        // cells beyond the header in a data row must be empty: otherwise the row does not fit the header
        int lastNamed = names.length - 1;
        while (lastNamed >= 0 && names[lastNamed].isEmpty()) {
            lastNamed--;
        }
        for (int i = 0; i < data.size(); i++) {
            String[] r = data.get(i);
            for (int c = lastNamed + 1; c < r.length; c++) {
                if (!SourceTable.strip(r[c]).isEmpty()) {
                    throw new SourceException(source.displayName() + " line " + dataLines.get(i) + " has a value in "
                            + (spreadsheet ? "column " + org.apache.poi.ss.util.CellReference.convertNumToColString(c)
                                    : "field " + (c + 1))
                            + ", which has no header. Check the delimiter and header_rows of this source.",
                            dataLines.get(i));
                }
            }
        }
        return SourceTable.of(source.displayName(), Arrays.asList(names).subList(0, lastNamed + 1),
                new ArrayList<>(data), new ArrayList<>(dataLines), spreadsheet);
    }
}
