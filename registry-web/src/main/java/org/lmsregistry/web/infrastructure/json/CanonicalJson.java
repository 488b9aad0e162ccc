package org.lmsregistry.web.infrastructure.json;

/**
 * A small, fully specified JSON writer for text that is hashed or compared byte for byte (audit
 * events): no white space, members in the order written, strings escaped exactly as here ({@code "}
 * {@code \} and control characters; everything else, non-ASCII included, as is). Its output does
 * not depend on a library version.
 */
public final class CanonicalJson {

    private final StringBuilder out = new StringBuilder(128);
    private boolean first = true;
    private final char close;

    private CanonicalJson(char open, char close) {
        out.append(open);
        this.close = close;
    }

    public static CanonicalJson object() {
        return new CanonicalJson('{', '}');
    }

    public static CanonicalJson array() {
        return new CanonicalJson('[', ']');
    }

    /** An object member with a value already in JSON (a number, true/false/null, a nested document). */
    public CanonicalJson memberRaw(String name, String json) {
        separator();
        quote(out, name);
        out.append(':').append(json);
        return this;
    }

    public CanonicalJson member(String name, String value) {
        return memberRaw(name, value == null ? "null" : quote(value));
    }

    /** An array element already in JSON. */
    public CanonicalJson elementRaw(String json) {
        separator();
        out.append(json);
        return this;
    }

    public CanonicalJson element(String value) {
        return elementRaw(value == null ? "null" : quote(value));
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
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
