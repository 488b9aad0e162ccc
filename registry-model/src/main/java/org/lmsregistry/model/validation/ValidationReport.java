package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.lmsregistry.model.record.RecordType;

/**
 * Every problem found in a batch, errors and warnings, in a stable order: record type, row, rule,
 * field. A batch with an error is rejected as a whole; warnings are saved and become data queries.
 */
public final class ValidationReport {

    private static final ValidationReport EMPTY = new ValidationReport(List.of());

    private final List<Problem> problems;
    private final List<Problem> errors;
    private final List<Problem> warnings;

    private ValidationReport(List<Problem> problems) {
        this.problems = problems;
        List<Problem> e = new ArrayList<>();
        List<Problem> w = new ArrayList<>();
        for (Problem p : problems) {
            (p.isError() ? e : w).add(p);
        }
        this.errors = Collections.unmodifiableList(e);
        this.warnings = Collections.unmodifiableList(w);
    }

    /** A report of some problems: sorted, exact repeats dropped. */
    public static ValidationReport of(Collection<Problem> problems) {
        if (problems.isEmpty()) {
            return EMPTY;
        }
        List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(Problem.ORDER);
        return new ValidationReport(Collections.unmodifiableList(sorted));
    }

    public static ValidationReport empty() {
        return EMPTY;
    }

    /** This report's problems and another's (e.g. the parser's), exact repeats dropped. */
    public ValidationReport merge(ValidationReport other) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(other.problems);
        return of(all);
    }

    /** Every problem, errors and warnings together. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return errors;
    }

    public List<Problem> warnings() {
        return warnings;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /** No problem at all. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** The problems that broke one rule. */
    public List<Problem> problems(Rule rule) {
        return problems.stream().filter(p -> p.rule() == rule).toList();
    }

    /** The problems of one record type. */
    public List<Problem> problems(RecordType type) {
        return problems.stream().filter(p -> p.recordType() == type).toList();
    }

    /** How many problems broke each rule (only rules with problems). */
    public Map<Rule, Integer> countsByRule() {
        Map<Rule, Integer> counts = new EnumMap<>(Rule.class);
        for (Problem p : problems) {
            counts.merge(p.rule(), 1, Integer::sum);
        }
        return counts;
    }

    /** A summary line followed by one line per problem. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(errors.size()).append(" error(s), ").append(warnings.size()).append(" warning(s)");
        for (Problem p : problems) {
            b.append('\n').append(p);
        }
        return b.toString();
    }
}
