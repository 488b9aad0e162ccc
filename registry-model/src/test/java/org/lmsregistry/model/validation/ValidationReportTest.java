package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.RecordType;

class ValidationReportTest {

    private static Problem problem(RecordType type, long row, Rule rule) {
        return new Problem(type, row, "K", "f", "v", rule, "m.");
    }

    @Test
    void sortsByTypeRowAndRuleAndDropsExactRepeats() {
        Problem fileLevel = new Problem(null, 0, null, null, null, Rule.UNKNOWN_FIELD, "unknown column x.");
        Problem a = problem(RecordType.TREATMENT, 3, Rule.EVENT_AFTER_DEATH);
        Problem b = problem(RecordType.PATIENT, 9, Rule.RANGE);
        Problem c = problem(RecordType.PATIENT, 2, Rule.NEEDLE_FINER_THAN_16G);
        Problem d = problem(RecordType.PATIENT, 2, Rule.FORMAT);
        ValidationReport report = ValidationReport.of(List.of(a, b, c, d, a, fileLevel));
        assertThat(report.problems()).containsExactly(fileLevel, d, c, b, a);
        assertThat(report.errors()).containsExactly(fileLevel, d, b, a);
        assertThat(report.warnings()).containsExactly(c);
        assertThat(report.problems(Rule.RANGE)).containsExactly(b);
        assertThat(report.problems(RecordType.PATIENT)).containsExactly(d, c, b);
        assertThat(report.countsByRule()).hasSize(5);
        assertThatThrownBy(() -> report.problems().add(a)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mergesAParsersReportWithTheValidatorsReport() {
        Problem p = problem(RecordType.BIOPSY, 4, Rule.NEEDLE_FINER_THAN_16G);
        Problem q = problem(RecordType.BIOPSY, 5, Rule.REQUIRED);
        ValidationReport merged = ValidationReport.of(List.of(p)).merge(ValidationReport.of(List.of(p, q)));
        assertThat(merged.problems()).containsExactly(p, q);
        assertThat(merged.hasErrors()).isTrue();
        assertThat(merged.hasWarnings()).isTrue();
    }

    @Test
    void anEmptyReportIsClean() {
        assertThat(ValidationReport.empty().isClean()).isTrue();
        assertThat(ValidationReport.of(List.of())).isSameAs(ValidationReport.empty());
        assertThat(ValidationReport.empty()).hasToString("0 error(s), 0 warning(s)");
        assertThat(ValidationReport.empty().hasErrors()).isFalse();
    }
}
