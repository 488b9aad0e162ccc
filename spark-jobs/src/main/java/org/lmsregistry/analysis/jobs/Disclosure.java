package org.lmsregistry.analysis.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.disclosure.SmallCellSuppression;
import org.lmsregistry.analysis.disclosure.SuppressedTable;

/** Disclosure control helpers on top of {@link SmallCellSuppression}. */
final class Disclosure {

    private Disclosure() {
    }

    /** A count hidden entirely (shown as {@code x}). */
    static ShownCount hidden() {
        return new ShownCount(OptionalLong.empty(), ShownCount.Suppression.COMPLEMENTARY, ShownCount.COMPLEMENTARY_MARK);
    }

    /**
     * The table after suppression; when no pattern protects it (tiny tables), every count, totals included,
     * is hidden.
     */
    static SuppressedTable table(SmallCellSuppression s, long[][] cells) {
        try {
            return s.apply(cells);
        } catch (IllegalArgumentException e) {
            List<List<ShownCount>> rows = new ArrayList<>();
            for (long[] row : cells) {
                List<ShownCount> r = new ArrayList<>();
                for (int j = 0; j < row.length; j++) {
                    r.add(hidden());
                }
                rows.add(r);
            }
            List<ShownCount> rowTotals = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                rowTotals.add(hidden());
            }
            List<ShownCount> colTotals = new ArrayList<>();
            for (int j = 0; j < cells[0].length; j++) {
                colTotals.add(hidden());
            }
            return new SuppressedTable(s.threshold(), rows, rowTotals, colTotals, hidden());
        }
    }

    /** Whether any cell (not total) of the table is hidden. */
    static boolean anyCellHidden(SuppressedTable t) {
        return t.cells().stream().flatMap(List::stream).anyMatch(ShownCount::suppressed);
    }
}
