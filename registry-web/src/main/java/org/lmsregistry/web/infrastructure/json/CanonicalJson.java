package org.lmsregistry.web.infrastructure.json;

/**
 * A small, fully specified JSON writer for text that is hashed or compared byte for byte (audit
 * events): no white space, members in the order written, strings escaped exactly as here ({@code "}
 * {@code \} and control characters; everything else, non-ASCII included, as is). Its output does
 * not depend on a library version.
 */
public final class CanonicalJson {

    private final StringBuilder out;
    private boolean first = true;
    private final char close;

    private CanonicalJson(char open, char close, int capacity) {
        out = new StringBuilder(capacity);
        out.append(open);
        this.close = close;
    }

    public static CanonicalJson object() {
        return new CanonicalJson('{', '}', 128);
    }

    public static CanonicalJson array() {
        return new CanonicalJson('[', ']', 128);
    }

    /** An array of about {@code expectedLength} characters (saves growing the buffer for large documents). */
    public static CanonicalJson array(int expectedLength) {
        return new CanonicalJson('[', ']', Math.max(16, expectedLength));
    }

    /** An object member with a value already in JSON (a number, true/false/null, a nested document). */
    public CanonicalJson memberRaw(String name, String json) {
        separator();
        quote(out, name);
        out.append(':').append(json);
        return this;
    }

    public CanonicalJson member(String name, String value) {
        if (value == null) {
            return memberRaw(name, "null");
        }
        separator();
        quote(out, name);
        out.append(':');
        quote(out, value);
        return this;
    }

    /** An array element already in JSON. */
    public CanonicalJson elementRaw(String json) {
        separator();
        out.append(json);
        return this;
    }

    public CanonicalJson element(String value) {
        if (value == null) {
            return elementRaw("null");
        }
        // straight into this document: the audit hash quotes whole record documents, so no copy
        separator();
        quote(out, value);
        return this;
    }

    public CanonicalJson element(long value) {
        return elementRaw(Long.toString(value));
    }

    public CanonicalJson element(Long value) {
        return elementRaw(value == null ? "null" : value.toString());
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    /** The document, closed. */
    public String end() {
        return out.append(close).toString();
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(b, s);
        return b.toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        int length = s.length();
        int run = 0; // start of the characters not yet appended, which need no escape
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            // whole runs of plain characters at once: appending char by char was the hot spot
            b.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append(s, run, length);
        b.append('"');
    }
}
