package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lmsregistry.model.validation.Fixtures.event;
import static org.lmsregistry.model.validation.Fixtures.patient;
import static org.lmsregistry.model.validation.Fixtures.radiomics;
import static org.lmsregistry.model.validation.Fixtures.surgery;
import static org.lmsregistry.model.validation.Fixtures.surveillance;
import static org.lmsregistry.model.validation.Fixtures.tumour;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * Shapes that would take minutes if a check compared records pairwise: many patients, and one patient
 * with tens of thousands of studies, radiomics values, deaths and last follow-ups. No timing is
 * asserted (speed is measured by {@link BatchValidatorBenchmark}); the counts show every record was seen.
 */
class BatchValidatorScaleTest {

    private final BatchValidator validator = new BatchValidator().withoutRecordRules();

    @Test
    void manyPatients() {
        List<RegistryRecord> records = new ArrayList<>();
        for (int n = 1; n <= 5_000; n++) {
            records.addAll(Fixtures.cleanPatient(n));
        }
        RegistryBatch b = Fixtures.batch(records);
        assertThat(b.size()).isEqualTo(50_000);
        assertThat(validator.validate(b).isClean()).isTrue();
    }

    @Test
    void onePatientWithVeryManyRecords() {
        int n = 20_000;
        List<RegistryRecord> records = new ArrayList<>(List.of(patient(1), tumour(1), surgery(1, "T1", 20)));
        for (int i = 0; i < n; i++) {
            records.add(surveillance(1, "S" + i, 21 + i));
            records.add(radiomics(1, "S" + i, "stat_mean"));
            records.add(event(1, "F" + i, OutcomeKind.LAST_FOLLOW_UP, 21 + i));
        }
        for (int i = 0; i < 2_000; i++) {
            records.add(event(1, "D" + i, OutcomeKind.DEATH, 30_000));
        }
        ValidationReport report = validator.validate(Fixtures.batch(records));

        // every last follow-up but the latest is a duplicate, every death but the first is one too many,
        // and every last follow-up is before the deaths (day 30000)
        assertThat(report.countsByRule()).containsEntry(Rule.DUPLICATE_KEY, n - 1)
                .containsEntry(Rule.MORE_THAN_ONE_DEATH, 1_999)
                .containsEntry(Rule.FOLLOW_UP_BEFORE_LAST_RECORD, n)
                .hasSize(3);
        assertThat(report.problems(Rule.FOLLOW_UP_BEFORE_LAST_RECORD).get(0).message())
                .contains("and " + (n - 1 + 2_000 - 1) + " other record(s)"); // studies after day 21, deaths
    }
}
