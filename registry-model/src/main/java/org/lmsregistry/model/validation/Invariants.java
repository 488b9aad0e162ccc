package org.lmsregistry.model.validation;

import java.util.List;

import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;

/** What every record constructor calls: a record that breaks a single-record error rule cannot exist. */
public final class Invariants {

    private Invariants() {
    }

    /**
     * @throws InvalidRecordException listing every error of the record (warnings are allowed)
     */
    public static <R> void enforce(RecordType type, R record) {
        List<Problem> errors = RecordRules.check(type, FieldValues.of(type, record)).stream()
                .filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
    }
}
