package org.lmsregistry.model.interchange;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.validation.RecordRules;
import org.lmsregistry.model.validation.Rule;

/**
 * The text form of field values in the interchange format, both ways: integers and decimals in
 * ASCII digits with '.', booleans {@code true}/{@code false}, codes as the enum constant name,
 * several codes separated by ';', the empty text for "not given". Parsing is exact: no trimming,
 * no case folding, no locale; a near miss gets a hint in the message but is not accepted.
 */
public final class FieldText {

    /** The separator of the codes of a {@link FieldType#CODES} field. */
    public static final String CODE_SEPARATOR = ";";

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?[0-9]+,[0-9]+");
    private static final int MAX_ECHO = 100;

    private static final ClassValue<Map<String, Enum<?>>> CODES = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> byCode = new LinkedHashMap<>();
            for (Object c : type.getEnumConstants()) {
                byCode.put(((Enum<?>) c).name(), (Enum<?>) c);
            }
            return Collections.unmodifiableMap(byCode);
        }
    };

    private FieldText() {
    }

    /**
     * The outcome of converting one text: either a typed value (null for "not given") or the rule
     * it broke and a sentence saying why.
     */
    public record Parsed(Object value, Rule rule, String message) {

        static Parsed ok(Object value) {
            return new Parsed(value, null, null);
        }

        static Parsed error(Rule rule, String message) {
            return new Parsed(null, rule, message);
        }

        public boolean isOk() {
            return rule == null;
        }
    }

    /** A typed value as interchange text ("" for null); the inverse of {@link #parse}. */
    public static String format(Object value) {
        return RecordRules.text(value);
    }

    /** Converts the text of one field; null and "" mean "not given". */
    public static Parsed parse(FieldSpec<?> field, String text) {
        if (text == null || text.isEmpty()) {
            return Parsed.ok(null);
        }
        return switch (field.type()) {
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT -> Parsed.ok(text);
            case INTEGER -> parseInteger(field, text);
            case DECIMAL -> parseDecimal(field, text);
            case BOOLEAN -> parseBoolean(field, text);
            case CODE -> parseCode(field, text);
            case CODES -> parseCodes(field, text);
        };
    }

    private static Parsed parseInteger(FieldSpec<?> field, String text) {
        if (INTEGER.matcher(text).matches()) {
            try {
                return Parsed.ok(Integer.valueOf(text));
            } catch (NumberFormatException e) {
                return Parsed.error(Rule.TYPE, field.label() + " is too large for a whole number: " + echo(text) + ".");
            }
        }
        String hint = text.strip().equals(text) ? "" : " (remove the spaces)";
        return Parsed.error(Rule.TYPE, field.label() + " must be a whole number written with the digits 0-9 and an "
                + "optional leading '-', was " + echo(text) + hint + ".");
    }

    private static Parsed parseDecimal(FieldSpec<?> field, String text) {
        if (DECIMAL.matcher(text).matches()) {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return Parsed.ok(d);
            }
            return Parsed.error(Rule.TYPE, field.label() + " is too large: " + echo(text) + ".");
        }
        String hint = DECIMAL_COMMA.matcher(text).matches()
                ? " Use '.' as the decimal separator: " + text.replace(',', '.') + "."
                : text.strip().equals(text) ? "" : " Remove the spaces.";
        return Parsed.error(Rule.TYPE, field.label() + " must be a number with '.' as the decimal separator (e.g. "
                + "1250.5), was " + echo(text) + "." + hint);
    }

    private static Parsed parseBoolean(FieldSpec<?> field, String text) {
        if (text.equals("true")) {
            return Parsed.ok(Boolean.TRUE);
        }
        if (text.equals("false")) {
            return Parsed.ok(Boolean.FALSE);
        }
        return Parsed.error(Rule.TYPE, field.label() + " must be true or false (lower case), was " + echo(text) + ".");
    }

    private static Parsed parseCode(FieldSpec<?> field, String text) {
        Enum<?> code = CODES.get(field.codeList()).get(text);
        if (code != null) {
            return Parsed.ok(code);
        }
        return Parsed.error(Rule.CODE_LIST, notACode(field, text));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Parsed parseCodes(FieldSpec<?> field, String text) {
        Map<String, Enum<?>> byCode = CODES.get(field.codeList());
        Set set = EnumSet.noneOf((Class) field.codeList());
        for (String item : text.split(CODE_SEPARATOR, -1)) {
            Enum<?> code = byCode.get(item);
            if (code == null) {
                String why = item.isEmpty() ? "an empty code between ';' separators" : notACode(field, item);
                return Parsed.error(Rule.CODE_LIST, field.label() + " holds codes separated by ';' (no spaces); "
                        + echo(text) + " contains " + (item.isEmpty() ? why + "." : "\"" + item + "\": " + why));
            }
            set.add(code);
        }
        return Parsed.ok(set);
    }

    static String notACode(FieldSpec<?> field, String text) {
        StringBuilder m = new StringBuilder(field.label()).append(" must be one of ")
                .append(String.join(", ", codes(field))).append(", was ").append(echo(text)).append('.');
        suggest(field, text).ifPresent(s -> m.append(" Did you mean ").append(s).append('?'));
        return m.toString();
    }

    /** The code a person probably meant: same letters ignoring case, spaces and separators, or a label. */
    private static Optional<String> suggest(FieldSpec<?> field, String text) {
        String folded = fold(text);
        for (Enum<?> c : CODES.get(field.codeList()).values()) {
            if (fold(c.name()).equals(folded) || fold(((CodeList) c).label()).equals(folded)) {
                return Optional.of(c.name());
            }
        }
        return Optional.empty();
    }

    private static String fold(String s) {
        return s.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    /** The codes of a CODE or CODES field, in code-list order. */
    public static List<String> codes(FieldSpec<?> field) {
        if (field.codeList() == null) {
            return List.of();
        }
        return List.copyOf(CODES.get(field.codeList()).keySet());
    }

    /** The code of a field's code list with this exact name, or null. */
    static Enum<?> code(FieldSpec<?> field, String text) {
        return CODES.get(field.codeList()).get(text);
    }

    /** A value quoted for a message, shortened when long. */
    static String echo(String text) {
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return "\"" + shown + "\"";
    }

    /** Shortens a value for {@link org.lmsregistry.model.validation.Problem#value()}. */
    static String shorten(String text) {
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    }
}
