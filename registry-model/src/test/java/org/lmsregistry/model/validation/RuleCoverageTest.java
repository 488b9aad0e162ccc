package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.validation.RuleExamples.Checker;
import org.lmsregistry.model.validation.RuleExamples.Example;

/** Every rule has a failing and a passing example, and every example does what it says. */
class RuleCoverageTest {

    private static final BatchValidator VALIDATOR = new BatchValidator();

    @Test
    void everyRuleHasAFailingAndAPassingExampleOrIsExplicitlyLeftToTheParserTests() {
        List<Example> examples = RuleExamples.all();
        List<String> missing = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            List<Example> mine = examples.stream().filter(e -> e.rule() == rule).toList();
            boolean executable = mine.stream().anyMatch(Example::isExecutable);
            if (RuleExamples.PARSER_ONLY.contains(rule)) {
                if (mine.isEmpty()) {
                    missing.add(rule + " (parser-only rules still need a row saying where they are tested)");
                }
            } else if (!executable) {
                missing.add(rule.toString());
            }
        }
        assertThat(missing).as("rules without a failing and a passing example in RuleExamples").isEmpty();
    }

    @Test
    void onlyRulesThatNoTypedValueCanBreakAreLeftToTheParser() {
        assertThat(RuleExamples.PARSER_ONLY).containsExactlyInAnyOrder(Rule.CODE_LIST, Rule.UNKNOWN_FIELD, Rule.MALFORMED);
        assertThat(RuleExamples.all()).filteredOn(e -> RuleExamples.PARSER_ONLY.contains(e.rule()))
                .allMatch(e -> e.checker() == Checker.INTERCHANGE_PARSER);
    }

    static Stream<Example> executableExamples() {
        return RuleExamples.all().stream().filter(Example::isExecutable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executableExamples")
    void failingCaseBreaksTheRuleAndNothingUnexpected(Example example) {
        List<Problem> problems = problems(example, example.failing().get());

        assertThat(problems).as("problems of the failing case").extracting(Problem::rule).contains(example.rule());
        Set<Rule> allowed = EnumSet.of(example.rule());
        allowed.addAll(example.alsoFires());
        assertThat(problems).as("problems of the failing case").extracting(Problem::rule)
                .allMatch(allowed::contains);
        for (Problem p : problems) {
            assertThat(p.recordType()).isNotNull();
            assertThat(p.recordKey()).isNotBlank();
            assertThat(p.field()).isNotBlank();
            assertThat(p.message()).isNotBlank().endsWith(".");
            assertThat(p.severity()).isEqualTo(p.rule().severity());
            if (example.checker() == Checker.BATCH_VALIDATOR) {
                assertThat(p.row()).as("row of %s", p).isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executableExamples")
    void passingCaseHasNoProblemAtAll(Example example) {
        assertThat(problems(example, example.passing().get())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executableExamples")
    void recordConstructorsRefuseSingleRecordErrorsAndAcceptWarnings(Example example) {
        if (example.checker() != Checker.RECORD_RULES) {
            return;
        }
        FieldValues failing = (FieldValues) example.failing().get();
        if (example.rule().severity() == Severity.ERROR) {
            assertThatThrownBy(() -> example.type().create(failing)).isInstanceOf(InvalidRecordException.class)
                    .satisfies(e -> assertThat(((InvalidRecordException) e).problems()).extracting(Problem::rule)
                            .contains(example.rule()));
        } else {
            assertThatCode(() -> example.type().create(failing)).doesNotThrowAnyException();
        }
        assertThatCode(() -> example.type().create((FieldValues) example.passing().get()))
                .doesNotThrowAnyException();
    }

    static List<Problem> problems(Example example, Object input) {
        if (example.checker() == Checker.RECORD_RULES) {
            return RecordRules.check(example.type(), (FieldValues) input);
        }
        return VALIDATOR.validate((RegistryBatch) input).problems();
    }
}
