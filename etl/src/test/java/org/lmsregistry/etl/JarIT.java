package org.lmsregistry.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.dicom.DicomSamples;
import org.lmsregistry.etl.testing.ExternalTools;

/**
 * The packaged jar as a site runs it: {@code java -jar lms-etl.jar <command>}, in a fresh JVM, output
 * redirected (so no colour and no progress bar), PixelMed and the other libraries inside the jar.
 */
class JarIT {

    @TempDir
    Path dir;

    private ExternalTools.Result etl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("lms.etl.jar")));
        cmd.addAll(List.of(args));
        return ExternalTools.run(cmd);
    }

    @Test
    void everyCommandHasHelpAndTheExitCodes() {
        for (String c : List.of("init", "map", "dicom", "validate", "guard", "upload", "bench")) {
            ExternalTools.Result r = etl(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: etl " + c).contains("Exit codes:").doesNotContain("\u001b[");
        }
        assertThat(etl("--version").out()).contains("etl (LMS Imaging Registry)");
        assertThat(etl("no-such-command").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void initThenDicomRunsFromTheJarWithPixelMedInside() throws Exception {
        Path site = dir.resolve("site");
        assertThat(etl("init", "--site-code", "NLAMC", "--dir", site.toString()).code()).isZero();
        Path patients = dir.resolve("patients.csv");
        Files.writeString(patients, "patient_id,diagnosis_date\n1CT1,2004-01-01\n");
        ExternalTools.Result r = etl("dicom", DicomSamples.file("ct").toString(), "--patients", patients.toString(),
                "--purpose", "STAGING", "--body-region", "CHEST", "--out", dir.resolve("out").toString(),
                "--deidentify-to", dir.resolve("copies").toString(), "--config", site.resolve("site.yaml").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 record(s)").contains("1 de-identified copy");
        assertThat(r.err()).doesNotContain("\u001b[").doesNotContain("SLF4J").doesNotContain("StatusLogger");
        // DICOM studies alone refer to patients the registry files of 'etl map' hold: validated together
        ExternalTools.Result alone = etl("validate", dir.resolve("out").toString());
        assertThat(alone.code()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(alone.err()).contains("[unknown-patient]");
        String pseudonym = new org.lmsregistry.model.pseudonym.Pseudonymiser(
                org.lmsregistry.model.pseudonym.SiteSecretKey.read(site.resolve("site-secret.key"))).patientPseudonym("1CT1");
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("patients.csv"), "site_code,patient_pseudonym,sex,age_at_diagnosis_years,"
                + "diagnosis_year\nNLAMC," + pseudonym + ",FEMALE,61,2004\n");
        ExternalTools.Result v = etl("validate", records.toString(), dir.resolve("out").toString());
        assertThat(v.code()).as(v.err()).isZero();
    }
}
