package org.lmsregistry.web.patient;

import java.util.Arrays;
import java.util.Optional;

/**
 * The order of a patient list: one of the columns people see, up or down; ties (and the default)
 * by site and pseudonym, so that paging is stable.
 */
public record PatientOrder(Column column, boolean descending) {

    /** The sortable columns, by the name they have in page addresses ({@code ?sort=age}). */
    public enum Column {
        PSEUDONYM("pseudonym"),
        SEX("sex"),
        AGE("age"),
        DIAGNOSIS_YEAR("year"),
        PRIMARY_LOCATION("location"),
        GRADE("grade");

        private final String param;

        Column(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static Optional<Column> ofParam(String param) {
            return Arrays.stream(values()).filter(c -> c.param.equals(param)).findFirst();
        }
    }

    /** Site, then pseudonym: the order of the API's list. */
    public static final PatientOrder DEFAULT = new PatientOrder(Column.PSEUDONYM, false);

    public PatientOrder {
        if (column == null) {
            throw new IllegalArgumentException("A patient order needs a column.");
        }
    }
}
