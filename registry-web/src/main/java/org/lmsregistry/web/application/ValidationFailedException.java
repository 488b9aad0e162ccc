package org.lmsregistry.web.application;

import java.util.List;
import org.lmsregistry.model.validation.Problem;

/**
 * Records broke validation rules (HTTP 422): every problem is listed, errors and warnings, with
 * row, field, value and rule; nothing was written.
 */
public class ValidationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ValidationFailedException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
