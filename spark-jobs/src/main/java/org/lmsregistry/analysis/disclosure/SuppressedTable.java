package org.lmsregistry.analysis.disclosure;

import java.util.List;

/**
 * A table of counts with its row totals, column totals and grand total, after small-cell and
 * complementary suppression.
 *
 * @param threshold    k: counts 1..k-1 are hidden
 * @param cells        rows of cells
 * @param rowTotals    one per row
 * @param columnTotals one per column
 * @param grandTotal   the sum of all cells
 */
public record SuppressedTable(int threshold, List<List<ShownCount>> cells, List<ShownCount> rowTotals,
                              List<ShownCount> columnTotals, ShownCount grandTotal) {

    public SuppressedTable {
        cells = cells.stream().map(List::copyOf).toList();
        rowTotals = List.copyOf(rowTotals);
        columnTotals = List.copyOf(columnTotals);
    }

    public ShownCount cell(int row, int column) {
        return cells.get(row).get(column);
    }

    /** The table as text, with the row totals as last column and the column totals as last row. */
    public String[][] asText() {
        int r = rowTotals.size();
        int c = columnTotals.size();
        String[][] out = new String[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = cell(i, j).text();
            }
            out[i][c] = rowTotals.get(i).text();
        }
        for (int j = 0; j < c; j++) {
            out[r][j] = columnTotals.get(j).text();
        }
        out[r][c] = grandTotal.text();
        return out;
    }

    /** Number of hidden entries (cells and totals) of the given kind. */
    public long count(ShownCount.Suppression kind) {
        long n = cells.stream().flatMap(List::stream).filter(s -> s.suppression() == kind).count();
        n += rowTotals.stream().filter(s -> s.suppression() == kind).count();
        n += columnTotals.stream().filter(s -> s.suppression() == kind).count();
        return n + (grandTotal.suppression() == kind ? 1 : 0);
    }
}
