package org.lmsregistry.model.code;

/**
 * A value of one of the registry's code lists. The stored and exchanged code is the enum constant's
 * name (stable, upper snake case); the label is what people read in forms and the data dictionary.
 */
public interface CodeList {

    /** The code as stored in the database and written in the interchange format. */
    default String code() {
        return ((Enum<?>) this).name();
    }

    /** The human label shown in forms and in the data dictionary. */
    String label();
}
