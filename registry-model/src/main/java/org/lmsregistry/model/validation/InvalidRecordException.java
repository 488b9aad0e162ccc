package org.lmsregistry.model.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when code tries to build a record that breaks the registry's rules. */
public class InvalidRecordException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidRecordException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
