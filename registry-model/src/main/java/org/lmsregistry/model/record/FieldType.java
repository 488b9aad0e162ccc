package org.lmsregistry.model.record;

/** The kind of value a registry field holds, as it is written in the interchange format. */
public enum FieldType {
    /** A site code: 2-12 upper-case letters or digits, starting with a letter. */
    SITE_CODE("text", "^[A-Z][A-Z0-9]{1,11}$"),
    /** A keyed pseudonym: HMAC-SHA256 as 64 lower-case hexadecimal characters. */
    PSEUDONYM("text", "^[0-9a-f]{64}$"),
    /** A keyed hash (SHA-256 family), 64 lower-case hexadecimal characters. */
    HASH("text", "^[0-9a-f]{64}$"),
    /** A record's own key within its patient: letters, digits, '_', '-', '.'; at most 64 characters. */
    KEY("text", "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"),
    /** A name from a controlled external vocabulary (e.g. IBSI feature names). */
    NAME("text", "^[A-Za-z][A-Za-z0-9_.]{0,99}$"),
    /** A whole number. */
    INTEGER("integer", null),
    /** A decimal number with '.' as the decimal separator. */
    DECIMAL("number", null),
    /** {@code true} or {@code false}. */
    BOOLEAN("yesno", null),
    /** One code of a code list. */
    CODE("radio", null),
    /** Any number of codes of a code list, separated by ';'. */
    CODES("checkbox", null),
    /** Free text (checked for identifiers). */
    TEXT("notes", null);

    private final String dictionaryType;
    private final String pattern;

    FieldType(String dictionaryType, String pattern) {
        this.dictionaryType = dictionaryType;
        this.pattern = pattern;
    }

    /** The REDCap-style field type shown in the data dictionary. */
    public String dictionaryType() {
        return dictionaryType;
    }

    /** The regular expression a value must match, or null when the type has none. */
    public String pattern() {
        return pattern;
    }
}
