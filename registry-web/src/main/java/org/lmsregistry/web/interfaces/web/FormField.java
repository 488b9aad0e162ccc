package org.lmsregistry.web.interfaces.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.record.FieldSpec;

/**
 * One input of a record form, made from the field's definition in registry-model (label, unit,
 * range, code list, notes), so forms, API, uploads and data dictionary never disagree.
 *
 * @param input one of text, number, code, codes, yesno, notes
 */
public record FormField(String name, String label, String input, String unit, boolean required, boolean key,
        List<Option> options, String hint) implements Serializable {

    /** A code of a code list: value and the label people read. */
    public record Option(String code, String label) implements Serializable {
    }

    static FormField of(FieldSpec<?> f) {
        String input = switch (f.type()) {
            case INTEGER, DECIMAL -> "number";
            case CODE -> "code";
            case CODES -> "codes";
            case BOOLEAN -> "yesno";
            case TEXT -> "notes";
            default -> "text";
        };
        List<Option> options = new ArrayList<>();
        if (f.codeList() != null) {
            for (Enum<?> e : f.codeList().getEnumConstants()) {
                CodeList c = (CodeList) e;
                options.add(new Option(c.code(), c.label()));
            }
        }
        StringBuilder hint = new StringBuilder();
        if (f.min() != null && f.max() != null) {
            hint.append(format(f.min())).append(" to ").append(format(f.max()));
            if (f.unit() != null) {
                hint.append(' ').append(f.unit());
            }
            hint.append(". ");
        }
        if (f.notes() != null) {
            hint.append(f.notes());
        }
        return new FormField(f.name(), f.label(), input, f.unit(), f.isRequired(), f.isKey(), List.copyOf(options),
                hint.toString().strip());
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The input's id in the form (stable: tests and field messages address it). */
    public String getId() {
        return "f_" + name;
    }

    public String getName() {
        return name;
    }

    public String getLabel() {
        return label;
    }

    public String getInput() {
        return input;
    }

    public String getUnit() {
        return unit;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isKey() {
        return key;
    }

    public List<Option> getOptions() {
        return options;
    }

    public String getHint() {
        return hint;
    }
}
