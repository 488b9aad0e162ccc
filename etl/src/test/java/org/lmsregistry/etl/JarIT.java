package org.lmsregistry.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    /**
     * On a terminal (a pseudo-terminal from util-linux's {@code script}, as a data manager's shell gives):
     * problems in colour and a progress bar; NO_COLOR turns colour off and keeps the plain bar.
     */
    @Test
    void colourAndTheProgressBarOnlyOnATerminal() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("patients.csv"), "site_code,patient_pseudonym,sex,age_at_diagnosis_years,"
                + "diagnosis_year\nNLAMC,not-a-pseudonym,XX,61,2004\n");
        ExternalTools.Result onTerminal = onTerminal(Map.of(), "validate", bad.toString());
        assertThat(onTerminal.code()).as(onTerminal.out()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(onTerminal.out()).contains("\u001b[").contains("[code-list]");
        ExternalTools.Result noColour = onTerminal(Map.of("NO_COLOR", "1"), "validate", bad.toString());
        assertThat(noColour.code()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(noColour.out()).contains("[code-list]").doesNotContain("\u001b[");
        ExternalTools.Result redirected = etl("validate", bad.toString());
        assertThat(redirected.out() + redirected.err()).contains("[code-list]").doesNotContain("\u001b[");

        Path site = dir.resolve("site");
        assertThat(etl("init", "--site-code", "NLAMC", "--dir", site.toString()).code()).isZero();
        Path patients = dir.resolve("patients.csv");
        Files.writeString(patients, "patient_id,diagnosis_date\n1CT1,2004-01-01\n");
        List<String> dicom = List.of("dicom", DicomSamples.file("ct").toString(), "--patients", patients.toString(),
                "--purpose", "STAGING", "--body-region", "CHEST", "--out", dir.resolve("out").toString(),
                "--config", site.resolve("site.yaml").toString());
        ExternalTools.Result bar = onTerminal(Map.of("NO_COLOR", "1"), dicom.toArray(String[]::new));
        assertThat(bar.code()).as(bar.out()).isZero();
        assertThat(bar.out()).containsPattern("DICOM 100% .*1/1 files");
        List<String> again = new ArrayList<>(dicom);
        again.set(again.indexOf(dir.resolve("out").toString()), dir.resolve("out2").toString());
        ExternalTools.Result noBar = etl(again.toArray(String[]::new));
        assertThat(noBar.code()).isZero();
        assertThat(noBar.out() + noBar.err()).doesNotContain("DICOM 100%").doesNotContain("\r");
    }

    /** Runs the jar on a pseudo-terminal; stdout and stderr both arrive in out. */
    private ExternalTools.Result onTerminal(Map<String, String> env, String... args) {
        StringBuilder command = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            command.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
        }
        command.append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())).append(" -jar ")
                .append(quote(System.getProperty("lms.etl.jar")));
        for (String a : args) {
            command.append(' ').append(quote(a));
        }
        return ExternalTools.run(List.of("script", "-qefc", "env TERM=xterm " + command, "/dev/null"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
