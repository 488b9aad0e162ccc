package org.lmsregistry.etl.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

class GuardCommandTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedCohortPasses() throws Exception {
        InterchangeFolder.write(CohortGenerator.generate(CohortSettings.defaults(5, 2, 30)), dir);
        Run run = Cli.run("guard", dir.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("nothing looks like an identifier");
    }

    @Test
    void identifiersInTextAndKeysStrayColumnsAndFilesStopTheUpload() throws Exception {
        InterchangeFolder.write(CohortGenerator.generate(CohortSettings.defaults(5, 1, 10)), dir);
        Path studies = dir.resolve("imaging_studies.csv");
        List<String> lines = Files.readAllLines(studies);
        String second = lines.get(2);
        String[] cells = second.split(",", -1);
        String oldId = cells[2];
        lines.set(2, second.replaceFirst("," + java.util.regex.Pattern.quote(oldId) + ",", ",MRN1234567,"));
        Files.write(studies, lines);
        Path tumours = dir.resolve("tumours.csv");
        List<String> t = Files.readAllLines(tumours);
        String row = t.get(1);
        t.set(1, row.substring(0, row.lastIndexOf(',') + 1) + "\"Seen by Dr. Smith,\nre-read 12 March 2019\"");
        Files.write(tumours, t);
        Path patients = dir.resolve("patients.csv");
        List<String> p = Files.readAllLines(patients);
        p.set(0, p.get(0) + ",mrn");
        for (int i = 1; i < p.size(); i++) {
            p.set(i, p.get(i) + ",99" + i);
        }
        Files.write(patients, p);
        Files.writeString(dir.resolve("export.csv"), "name,dob\nJansen,1961-07-03\n");

        List<Finding> findings = org.lmsregistry.etl.guard.IdentifierGuard.check(dir);
        Run run = Cli.run("guard", dir.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.IDENTIFIERS_FOUND);
        assertThat(findings).extracting(Finding::rule).contains("unexpected-file", "unexpected-column", "identifier");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("imaging_studies.csv");
            assertThat(f.row()).isEqualTo(3);
            assertThat(f.field()).isEqualTo("study_id");
            assertThat(f.message()).startsWith("Looks like a ");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("tumours.csv");
            assertThat(f.row()).isEqualTo(2);
            assertThat(f.field()).isEqualTo("histology_notes");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("patients.csv");
            assertThat(f.field()).isEqualTo("mrn");
            assertThat(f.value()).isEmpty();
        });
        // the values of a stray file or column are never shown
        assertThat(run.err()).doesNotContain("Jansen").doesNotContain("1961").doesNotContain(",992");
    }
}
