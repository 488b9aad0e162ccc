package org.lmsregistry.model.record;

import java.util.Objects;
import java.util.function.Function;

import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.validation.Rule;

/**
 * One field of a record type: the single definition from which the interchange format, the
 * validation of single values and the data dictionary are all derived.
 *
 * @param <R> the record type the field belongs to
 */
public final class FieldSpec<R> {

    private final String name;
    private final String label;
    private final FieldType type;
    private final Function<R, Object> getter;
    private final String unit;
    private final Class<? extends Enum<?>> codeList;
    private final Double min;
    private final Double max;
    private final Rule maxRule;
    private final boolean required;
    private final boolean key;
    private final String notes;

    private FieldSpec(String name, String label, FieldType type, Function<R, Object> getter, String unit,
            Class<? extends Enum<?>> codeList, Double min, Double max, Rule maxRule, boolean required, boolean key,
            String notes) {
        this.name = Objects.requireNonNull(name);
        this.label = Objects.requireNonNull(label);
        this.type = Objects.requireNonNull(type);
        this.getter = Objects.requireNonNull(getter);
        this.unit = unit;
        this.codeList = codeList;
        this.min = min;
        this.max = max;
        this.maxRule = maxRule;
        this.required = required;
        this.key = key;
        this.notes = notes;
    }

    /** A new optional field without unit, range or notes. */
    public static <R> FieldSpec<R> of(String name, String label, FieldType type, Function<R, Object> getter) {
        if (type == FieldType.CODE || type == FieldType.CODES) {
            throw new IllegalArgumentException("use codes(...) for code-list field " + name);
        }
        return new FieldSpec<>(name, label, type, getter, null, null, null, null, Rule.RANGE, false, false, null);
    }

    /** A new optional field holding one ({@link FieldType#CODE}) or several ({@link FieldType#CODES}) codes. */
    public static <R, E extends Enum<E> & CodeList> FieldSpec<R> codes(String name, String label, FieldType type,
            Class<E> codeList, Function<R, Object> getter) {
        if (type != FieldType.CODE && type != FieldType.CODES) {
            throw new IllegalArgumentException("field " + name + " with a code list must be CODE or CODES");
        }
        return new FieldSpec<>(name, label, type, getter, null, codeList, null, null, Rule.RANGE, false, false, null);
    }

    public FieldSpec<R> unit(String newUnit) {
        return new FieldSpec<>(name, label, type, getter, newUnit, codeList, min, max, maxRule, required, key, notes);
    }

    /** Inclusive range of a numeric field. */
    public FieldSpec<R> range(double newMin, double newMax) {
        return new FieldSpec<>(name, label, type, getter, unit, codeList, newMin, newMax, maxRule, required, key, notes);
    }

    /** The rule named when the value is above the maximum (default {@link Rule#RANGE}). */
    public FieldSpec<R> aboveMaxRule(Rule rule) {
        return new FieldSpec<>(name, label, type, getter, unit, codeList, min, max, rule, required, key, notes);
    }

    public FieldSpec<R> required() {
        return new FieldSpec<>(name, label, type, getter, unit, codeList, min, max, maxRule, true, key, notes);
    }

    /** Part of the record's natural key (implies required). */
    public FieldSpec<R> key() {
        return new FieldSpec<>(name, label, type, getter, unit, codeList, min, max, maxRule, true, true, notes);
    }

    public FieldSpec<R> notes(String newNotes) {
        return new FieldSpec<>(name, label, type, getter, unit, codeList, min, max, maxRule, required, key, newNotes);
    }

    /** The column name in the interchange format and the variable name in the data dictionary. */
    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public FieldType type() {
        return type;
    }

    /** The unit of a numeric field, or null. */
    public String unit() {
        return unit;
    }

    /** The code list of a CODE or CODES field, or null. */
    public Class<? extends Enum<?>> codeList() {
        return codeList;
    }

    /** Inclusive minimum of a numeric field, or null. */
    public Double min() {
        return min;
    }

    /** Inclusive maximum of a numeric field, or null. */
    public Double max() {
        return max;
    }

    public Rule aboveMaxRule() {
        return maxRule;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isKey() {
        return key;
    }

    /** Notes for the data dictionary (conditions, meaning), or null. */
    public String notes() {
        return notes;
    }

    /** The field's typed value in a record. */
    public Object valueOf(R record) {
        return getter.apply(record);
    }

    @Override
    public String toString() {
        return name;
    }
}
