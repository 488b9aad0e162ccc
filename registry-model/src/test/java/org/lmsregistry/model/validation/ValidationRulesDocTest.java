package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.validation.RuleExamples.Example;
import org.lmsregistry.model.validation.SurveillanceGuideline.Phase;
import org.lmsregistry.model.validation.SurveillanceGuideline.Reading;

/**
 * {@code docs/validation-rules.md} holds tables generated from {@link Rule}, {@link RuleExamples} and
 * {@link SurveillanceGuideline}; this test fails when they drift. To rewrite them:
 * {@code ./mvnw -q -B -pl registry-model test -Dtest=ValidationRulesDocTest -Dvalidation.docs.update=true}.
 */
class ValidationRulesDocTest {

    static final String RULES = "rule table";
    static final String SCHEDULE = "surveillance schedule";

    @Test
    void theDocumentedTablesAreTheGeneratedOnes() throws IOException {
        Path doc = docPath();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String updated = replaceBlock(replaceBlock(text, RULES, ruleTable()), SCHEDULE, scheduleTable());
        if (!updated.equals(text) && Boolean.getBoolean("validation.docs.update")) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertThat(text).as("%s is out of date: run ./mvnw -q -B -pl registry-model test "
                + "-Dtest=ValidationRulesDocTest -Dvalidation.docs.update=true", doc).isEqualTo(updated);
    }

    @Test
    void everyRuleHasOneRowInTheTable() {
        String table = ruleTable();
        for (Rule rule : Rule.values()) {
            assertThat(table).contains("| `" + rule.id() + "` |");
        }
        assertThat(table.lines().count()).isEqualTo(Rule.values().length + 2);
    }

    static Path docPath() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("validation-rules.md");
            if (Files.exists(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/validation-rules.md not found above " + module);
    }

    static String replaceBlock(String text, String name, String content) {
        String begin = "<!-- BEGIN GENERATED " + name + " -->\n";
        String end = "<!-- END GENERATED " + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("markers of the generated " + name + " are missing");
        }
        return text.substring(0, from + begin.length()) + content + text.substring(to);
    }

    /** One row per rule: id, severity, where it is checked, what it checks, an example and its message. */
    static String ruleTable() {
        StringBuilder b = new StringBuilder();
        b.append("| Rule | Severity | Checked by | What it checks | Example: case and message |\n");
        b.append("|---|---|---|---|---|\n");
        List<Example> examples = RuleExamples.all();
        for (Rule rule : Rule.values()) {
            Example example = examples.stream().filter(e -> e.rule() == rule && e.isExecutable()).findFirst()
                    .orElseGet(() -> examples.stream().filter(e -> e.rule() == rule).findFirst().orElseThrow());
            String message = example.isExecutable()
                    ? RuleCoverageTest.problems(example, example.failing().get()).stream()
                            .filter(p -> p.rule() == rule).findFirst().orElseThrow().message()
                    : "reported and tested by the interchange parser";
            b.append("| `").append(rule.id()).append("` | ").append(rule.severity().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(cell(example.checker().description)).append(" | ")
                    .append(cell(rule.description())).append(" | ").append(cell(example.name())).append(": _")
                    .append(cell(message)).append("_ |\n");
        }
        return b.toString();
    }

    /** The schedule in both readings, with the days the default tolerance allows. */
    static String scheduleTable() {
        StringBuilder b = new StringBuilder();
        b.append("| Reading | Grade | Months since end of primary treatment | Guideline | Longest gap | "
                + "Days allowed (with " + SurveillanceGuideline.DEFAULT_TOLERANCE_DAYS + " days' tolerance) |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Reading reading : Reading.values()) {
            SurveillanceGuideline g = new SurveillanceGuideline(reading, SurveillanceGuideline.DEFAULT_TOLERANCE_DAYS);
            for (String grades : List.of("G2-G3", "G1")) {
                FnclccGrade grade = grades.equals("G1") ? FnclccGrade.G1 : FnclccGrade.G3;
                for (Phase p : g.phases(grade)) {
                    String months = p.untilMonth() == SurveillanceGuideline.OPEN_ENDED ? p.fromMonth() + " and later"
                            : p.fromMonth() + "-" + p.untilMonth();
                    b.append("| ").append(reading.name().toLowerCase(Locale.ROOT)).append(" | ").append(grades)
                            .append(" | ").append(months).append(" | ").append(p.recommendation()).append(" | ")
                            .append(p.maxIntervalMonths()).append(" months | ")
                            .append(SurveillanceGuideline.monthsToDays(p.maxIntervalMonths()) + g.toleranceDays())
                            .append(" |\n");
                }
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
