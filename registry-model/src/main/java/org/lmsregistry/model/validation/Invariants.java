package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.List;

import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

/** What every record constructor calls: a record that breaks a single-record error rule cannot exist. */
public final class Invariants {

    /**
     * Set only around one constructor call of {@link #checkAndCreate}: the values it builds from were
     * checked a moment ago, so the constructor's check (the same rules on the same values) is skipped.
     */
    private static final ThreadLocal<RecordType> JUST_CHECKED = new ThreadLocal<>();

    private Invariants() {
    }

    /**
     * @throws InvalidRecordException listing every error of the record (warnings are allowed)
     */
    public static <R> void enforce(RecordType type, R record) {
        if (JUST_CHECKED.get() == type) {
            // consumed by this one constructor: any other record built meanwhile is checked as usual
            JUST_CHECKED.remove();
            return;
        }
        List<Problem> errors = RecordRules.check(type, FieldValues.of(type, record)).stream()
                .filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
    }

    /** Every problem of some values, and the record built from them when none is an error. */
    public record Checked(RegistryRecord record, List<Problem> problems) {
    }

    /**
     * Runs the single-record rules on {@code values} once and, when {@code build} is true and they
     * found no error, builds the record from the same values without running the rules a second time
     * in its constructor (readers of large files spend a large part of their time in the rules).
     * Values with an unparseable field are never built. Should the constructor still reject the
     * values, its problems are added and no record is returned.
     */
    public static Checked checkAndCreate(RecordType type, FieldValues values, boolean build) {
        List<Problem> problems = RecordRules.check(type, values);
        if (!build || values.anyUnparseable() || problems.stream().anyMatch(Problem::isError)) {
            return new Checked(null, problems);
        }
        JUST_CHECKED.set(type);
        try {
            return new Checked(type.create(values), problems);
        } catch (InvalidRecordException e) {
            // the rules and the constructor disagree: report both, never drop silently
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(e.problems());
            return new Checked(null, all);
        } finally {
            JUST_CHECKED.remove();
        }
    }
}
