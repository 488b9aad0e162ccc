package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.validation.BatchValidator;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;
import org.lmsregistry.model.validation.ValidationReport;

/**
 * What the generator promises the rest of the system: its cohorts pass the registry's own
 * validation with no error, survive the interchange format unchanged, and carry only the warnings
 * a real registry has (fine needles, transperitoneal biopsies, late surveillance).
 */
class GeneratedCohortValidityTest {

    private static final Set<Rule> EXPECTED_WARNINGS = EnumSet.of(Rule.NEEDLE_FINER_THAN_16G,
            Rule.TRANSPERITONEAL_RETROPERITONEAL_BIOPSY, Rule.SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE,
            Rule.DETECTING_STUDY_NEGATIVE);

    @Test
    void aLargeGeneratedCohortHasNoValidationError() {
        RegistryBatch.Builder builder = new RegistryBatch.Builder();
        TestCohorts.large().forEach(p -> p.records().addTo(builder));
        ValidationReport report = new BatchValidator().validate(builder.build());

        assertThat(report.errors()).as("errors in a generated cohort").isEmpty();
        Set<Rule> warned = report.warnings().stream().map(Problem::rule).collect(Collectors.toSet());
        assertThat(EXPECTED_WARNINGS).containsAll(warned);
        assertThat(warned).as("a realistic registry has some protocol deviations")
                .contains(Rule.NEEDLE_FINER_THAN_16G, Rule.SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE);
    }

    @Test
    void everySiteSizeAndSeedGivesAValidCohortThatSurvivesTheInterchangeFormat(@TempDir Path dir) throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            RegistryBatch batch = CohortGenerator.generate(CohortSettings.defaults(seed, 7, 60));
            assertThat(new BatchValidator().validate(batch).errors()).as("seed %d", seed).isEmpty();

            Path folder = dir.resolve("seed" + seed);
            InterchangeFolder.write(batch, folder);
            ParseResult read = InterchangeFolder.readAll(folder);
            assertThat(read.errors()).isEmpty();
            assertThat(read.batch()).isEqualTo(batch);
        }
    }
}
