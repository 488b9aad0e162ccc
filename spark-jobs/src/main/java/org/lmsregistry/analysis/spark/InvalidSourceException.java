package org.lmsregistry.analysis.spark;

import java.util.List;

/**
 * The source cannot be used: a missing or unknown folder, a broken manifest, a checksum that does not
 * match, or records that break the registry's rules. The message names what, where and why; nothing was
 * written.
 */
public class InvalidSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSourceException(String message) {
        this(message, List.of());
    }

    public InvalidSourceException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + System.lineSeparator() + "  "
                + String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The individual problems (rows, fields, values, rules), at most a few dozen. */
    public List<String> problems() {
        return problems;
    }
}
