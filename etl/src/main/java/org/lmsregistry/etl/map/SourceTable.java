package org.lmsregistry.etl.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * One site export as read: a Tablesaw table of text cells (nothing converted or guessed yet), one
 * column per source column, plus the line (CSV) or spreadsheet row (XLSX) each row came from, so
 * that every problem names the place a person can find.
 */
public final class SourceTable {

    /** The name of the column holding each row's line or spreadsheet row number. */
    static final String LINE = "__line";

    private final String display;
    private final List<String> headers;
    private final Map<String, Integer> byHeader = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final boolean spreadsheet;
    private Table table;

    SourceTable(String display, List<String> headers, Table table, boolean spreadsheet) {
        this.display = display;
        this.headers = List.copyOf(headers);
        this.table = table;
        this.spreadsheet = spreadsheet;
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            if (h.isEmpty()) {
                continue;
            }
            if (byHeader.putIfAbsent(h, i) != null) {
                ambiguous.add(h);
            }
        }
    }

    /** Builds a table from rows of cells (shorter rows are padded with empty cells). */
    static SourceTable of(String display, List<String> headers, List<String[]> rows, List<Integer> lines,
            boolean spreadsheet) {
        int n = headers.size();
        Table t = Table.create(display);
        List<List<String>> columns = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            columns.add(new ArrayList<>(rows.size()));
        }
        for (String[] row : rows) {
            for (int c = 0; c < n; c++) {
                columns.get(c).add(c < row.length && row[c] != null ? row[c] : "");
            }
        }
        for (int c = 0; c < n; c++) {
            t.addColumns(StringColumn.create(columnName(c), columns.get(c)));
        }
        t.addColumns(IntColumn.create(LINE, lines.stream().mapToInt(Integer::intValue).toArray()));
        return new SourceTable(display, headers, t, spreadsheet);
    }

    static String columnName(int index) {
        return "c" + index;
    }

    /**
     * Cleans the cells with Tablesaw column operations: surrounding white space (also non-breaking
     * spaces) removed, the source's missing-value markers made empty, and rows with no value at all
     * dropped (their line numbers stay with the other rows).
     */
    void clean(List<String> missingValues) {
        Set<String> missing = new HashSet<>(missingValues);
        missing.add("");
        for (int c = 0; c < headers.size(); c++) {
            StringColumn col = table.stringColumn(columnName(c));
            StringColumn cleaned = col.map(SourceTable::strip);
            cleaned.set(cleaned.isIn(missing), "");
            cleaned.setName(col.name());
            table.replaceColumn(col.name(), cleaned);
        }
        Selection blank = Selection.withRange(0, table.rowCount());
        for (int c = 0; c < headers.size(); c++) {
            blank = blank.and(table.stringColumn(columnName(c)).isMissing());
        }
        table = table.dropWhere(blank);
    }

    /** Strips white space, including non-breaking spaces spreadsheets like to leave. */
    static String strip(String s) {
        return s == null ? "" : s.replace('\u00A0', ' ').replace('\u2007', ' ').replace('\u202F', ' ').strip();
    }

    /** Normalises a header cell or a column name of the mapping: white space runs become one space. */
    static String normaliseHeader(String s) {
        return strip(s).replaceAll("\\s+", " ");
    }

    /** The file (and sheet) as shown in problems. */
    public String display() {
        return display;
    }

    public List<String> headers() {
        return headers;
    }

    public Table table() {
        return table;
    }

    public int rowCount() {
        return table.rowCount();
    }

    /** The line (CSV) or spreadsheet row (XLSX) of a row. */
    public int line(int row) {
        return table.intColumn(LINE).getInt(row);
    }

    /** The index of the column with this (normalised) header, if exactly one has it. */
    public Optional<Integer> column(String header) {
        String h = normaliseHeader(header);
        if (ambiguous.contains(h)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHeader.get(h));
    }

    public boolean isAmbiguous(String header) {
        return ambiguous.contains(normaliseHeader(header));
    }

    public boolean hasColumn(String header) {
        return byHeader.containsKey(normaliseHeader(header));
    }

    /** The cell of a row and column ("" when empty). */
    public String cell(int row, int column) {
        return table.stringColumn(columnName(column)).get(row);
    }

    /** How a column is named in a problem: its header, with the spreadsheet column letter for XLSX. */
    public String columnLabel(int column) {
        String h = headers.get(column);
        if (!spreadsheet) {
            return h;
        }
        return h + " (" + org.apache.poi.ss.util.CellReference.convertNumToColString(column) + ")";
    }

    /** The non-empty headers, in order, without repeats. */
    public List<String> distinctHeaders() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String h : headers) {
            if (!h.isEmpty() && seen.add(h)) {
                out.add(h);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
