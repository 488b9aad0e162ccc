package org.lmsregistry.analysis.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.lmsregistry.analysis.disclosure.ShownCount;

/**
 * A table of results as it leaves the engine: written as one CSV file, shown in the report, listed in
 * {@code result.json}. Count columns hold only {@link ShownCount}s, so no raw count can be written: the
 * small ones were replaced by {@code <k} (or {@code x}) by {@link org.lmsregistry.analysis.disclosure.SmallCellSuppression}
 * before the table was built.
 *
 * @param name    file name without extension (lower snake case)
 * @param title   what the table shows
 * @param columns the columns
 * @param rows    the rows: each value matches its column's kind, or is null (empty)
 * @param notes   how to read it (methods, suppression, exclusions)
 */
public record ResultTable(String name, String title, List<Column> columns, List<List<Object>> rows, List<String> notes) {

    /** What a column holds. */
    public enum Kind {
        /** Text (labels, codes, flags). */
        TEXT,
        /** A count after disclosure control ({@link ShownCount}). */
        COUNT,
        /** A whole number that is not a count of patients or studies (a day, a year). */
        INTEGER,
        /** A real number (estimate, limit, p-value, percentage). */
        NUMBER
    }

    /** A column: its CSV header, its kind and a description for the result schema. */
    public record Column(String name, Kind kind, String description) {
    }

    public ResultTable {
        Objects.requireNonNull(name);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("table names are lower snake case: " + name);
        }
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + ": a row has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            for (int i = 0; i < row.size(); i++) {
                check(name, columns.get(i), row.get(i));
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        notes = List.copyOf(notes);
    }

    private static void check(String table, Column c, Object v) {
        if (v == null) {
            return;
        }
        boolean ok = switch (c.kind()) {
            case TEXT -> v instanceof String;
            case COUNT -> v instanceof ShownCount;
            case INTEGER -> v instanceof Integer || v instanceof Long;
            case NUMBER -> v instanceof Double || v instanceof Float;
        };
        if (!ok) {
            throw new IllegalArgumentException("table " + table + ", column " + c.name() + " (" + c.kind()
                    + ") cannot hold " + v.getClass().getSimpleName() + " " + v
                    + (c.kind() == Kind.COUNT ? ": counts must pass disclosure control first" : ""));
        }
    }

    /** Builds a table row by row. */
    public static Builder builder(String name, String title) {
        return new Builder(name, title);
    }

    public static final class Builder {
        private final String name;
        private final String title;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String name, String title) {
            this.name = name;
            this.title = title;
        }

        public Builder text(String column, String description) {
            columns.add(new Column(column, Kind.TEXT, description));
            return this;
        }

        public Builder count(String column, String description) {
            columns.add(new Column(column, Kind.COUNT, description));
            return this;
        }

        public Builder integer(String column, String description) {
            columns.add(new Column(column, Kind.INTEGER, description));
            return this;
        }

        public Builder number(String column, String description) {
            columns.add(new Column(column, Kind.NUMBER, description));
            return this;
        }

        public Builder row(Object... values) {
            List<Object> row = new ArrayList<>(values.length);
            for (Object v : values) {
                row.add(v instanceof Double d && !Double.isFinite(d) && d.isNaN() ? null : v);
            }
            rows.add(row);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public int columnCount() {
            return columns.size();
        }

        public ResultTable build() {
            return new ResultTable(name, title, columns, rows, notes);
        }
    }
}
