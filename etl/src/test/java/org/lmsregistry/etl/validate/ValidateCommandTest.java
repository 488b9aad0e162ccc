package org.lmsregistry.etl.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ValidateCommandTest {

    static final String PSEUDONYM = "f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a";

    @TempDir
    Path dir;

    @Test
    void aValidFolderPasses() throws Exception {
        InterchangeFolder.write(CohortGenerator.generate(CohortSettings.defaults(11, 1, 15)), dir);

        Run run = Cli.run("validate", dir.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("patients 15").contains("0 errors").contains("valid");
    }

    @Test
    void errorsAreGroupedByFileAndRuleWithRowFieldValueAndMessage() throws Exception {
        Files.writeString(dir.resolve("patients.csv"), """
                site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year,mrn
                NLAMC,%s,FEMALE,95,2019,12345678
                NLAMC,%s,female,54,2019,
                """.formatted(PSEUDONYM, PSEUDONYM.replace('f', 'e')));
        Files.writeString(dir.resolve("imaging_studies.csv"), """
                site_code,patient_pseudonym,study_id,day,modality,purpose,body_region,contrast,study_uid_hash,source,result,finding_confirmed,confirmation_method,finding_locations
                NLAMC,%s,S1,-20,MRI,DIAGNOSIS,PRIMARY_SITE,yes,,ETL,,,,
                """.formatted("a".repeat(64)));
        Files.writeString(dir.resolve("notes.csv"), "x\n1\n");
        Path json = dir.resolve("report.json");
        Path csv = dir.resolve("report.csv");

        Run run = Cli.run("validate", dir.toString(), "--report", json.toString());
        Run runCsv = Cli.run("validate", dir.toString(), "--report", csv.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(runCsv.code()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(run.err())
                .contains("patients.csv: 3 errors")
                .contains("[unknown-field]")
                .contains("[age-capped-at-90]")
                .contains("row 2 (NLAMC/" + PSEUDONYM + "), age_at_diagnosis_years = \"95\"")
                .contains("sex = \"female\"").contains("Did you mean FEMALE?")
                .contains("imaging_studies.csv").contains("contrast = \"yes\"")
                .contains("notes.csv");
        // the value of an unknown column is never echoed
        assertThat(run.err()).doesNotContain("12345678");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("errors").asInt()).isEqualTo(report.get("findings").size());
        JsonNode age = findRule(report, "age-capped-at-90");
        assertThat(age.get("file").asText()).isEqualTo("patients.csv");
        assertThat(age.get("row").asInt()).isEqualTo(2);
        assertThat(age.get("field").asText()).isEqualTo("age_at_diagnosis_years");
        assertThat(age.get("value").asText()).isEqualTo("95");
        assertThat(age.get("message").asText()).contains("enter 90");

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8)).getRecords();
        assertThat(rows).hasSize(report.get("findings").size());
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("rule")).isEqualTo("type");
            assertThat(r.get("file")).isEqualTo("imaging_studies.csv");
            assertThat(r.get("value")).isEqualTo("yes");
        });
    }

    @Test
    void severalFoldersAreValidatedAsOneBatchAndFindingsNameTheirFolder() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        Path dicom = Files.createDirectories(dir.resolve("dicom"));
        Files.writeString(records.resolve("patients.csv"), """
                site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year
                NLAMC,%s,FEMALE,54,2019
                """.formatted(PSEUDONYM));
        Files.writeString(dicom.resolve("imaging_studies.csv"), """
                site_code,patient_pseudonym,study_id,day,modality,purpose,body_region,contrast,study_uid_hash,source,result,finding_confirmed,confirmation_method,finding_locations
                NLAMC,%s,DCM-abc,-20,MRI,DIAGNOSIS,PRIMARY_SITE,true,,ETL,,,,
                NLAMC,%s,DCM-abd,-10,CT,DIAGNOSIS,CHEST,true,,ETL,,,,
                """.formatted(PSEUDONYM, "b".repeat(64)));

        Run run = Cli.run("validate", records.toString(), dicom.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        // the first study's patient is in the other folder; the second's is nowhere
        assertThat(run.err()).contains(dicom + "/imaging_studies.csv: 1 error").contains("row 3 (NLAMC/" + "b".repeat(64))
                .contains("[unknown-patient]");
    }

    @Test
    void warningsAloneExitZero() throws Exception {
        Files.writeString(dir.resolve("patients.csv"), """
                site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year
                NLAMC,%s,FEMALE,54,2019
                """.formatted(PSEUDONYM));
        Files.writeString(dir.resolve("biopsies.csv"), """
                site_code,patient_pseudonym,biopsy_id,day,guidance,needle_gauge,approach,diagnostic
                NLAMC,%s,B1,-14,US,18,PERCUTANEOUS_EXTRAPERITONEAL,true
                """.formatted(PSEUDONYM));
        Run run = Cli.run("validate", dir.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("WARNING [needle-finer-than-16g]");
        assertThat(run.out()).contains("0 errors, 1 warning");
    }

    @Test
    void aMissingFolderIsAnIoErrorAndAMissingArgumentAUsageError() {
        Run run = Cli.run("validate", dir.resolve("missing").toString());
        assertThat(run.code()).isEqualTo(ExitCode.IO);
        assertThat(run.err()).contains("is not a folder");
        assertThat(Cli.run("validate").code()).isEqualTo(ExitCode.USAGE);
    }

    private static JsonNode findRule(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no finding of rule " + rule + " in " + report);
    }
}
