package org.lmsregistry.etl.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.dicom.DicomSamples;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.etl.testing.ExternalTools;
import org.lmsregistry.etl.testing.Sites;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.ImagingStudy;

class DicomCommandTest {

    @TempDir
    Path dir;
    Path pacs;
    Path patients;
    Path config;
    Path out;
    Pseudonymiser pseudonymiser = new Pseudonymiser(Sites.key(7));

    /** A site's DICOM export: real files of four patients, one malformed file and one that is not DICOM. */
    @BeforeEach
    void export() throws Exception {
        pacs = Files.createDirectories(dir.resolve("pacs"));
        for (String d : List.of("ct", "mr", "patient-98890234", "unreadable")) {
            PathUtils.copyDirectory(DicomSamples.file(d), pacs.resolve(d));
        }
        Files.copy(DicomSamples.file("syntaxes/JPEG-lossy.dcm"), pacs.resolve("nm-bone-scan.dcm"));
        Files.writeString(pacs.resolve("README.txt"), "Exported from PACS for the LMS registry\n");
        patients = dir.resolve("patients.csv");
        Files.writeString(patients, """
                patient_id,diagnosis_date,note
                1CT1,2004-01-01,
                4MR1,2004-08-01,
                98890234,2001-01-05,two studies
                8NM1,2004-08-01,
                """);
        config = Sites.create(dir.resolve("site"), "NLAMC", 7, null);
        out = dir.resolve("out");
    }

    private Run dicom(String... extra) {
        return Cli.run(Stream.concat(Stream.of("dicom", pacs.toString(), "--patients", patients.toString(), "--purpose",
                "DIAGNOSIS", "--out", out.toString(), "--config", config.toString()), Stream.of(extra))
                .toArray(String[]::new));
    }

    @Test
    void oneRecordPerStudyLinkedToThePatientsPseudonym() throws Exception {
        Run run = dicom("--body-region", "PRIMARY_SITE");

        assertThat(run.code()).as(run.toString()).isZero();
        ParseResult parsed = CsvInterchange.readAll(out.resolve("imaging_studies.csv"));
        assertThat(parsed.problems()).isEmpty();
        List<ImagingStudy> studies = parsed.batch().imagingStudies();
        assertThat(studies).hasSize(6).allSatisfy(s -> {
            assertThat(s.siteCode()).isEqualTo("NLAMC");
            assertThat(s.purpose()).isEqualTo(StudyPurpose.DIAGNOSIS);
            assertThat(s.bodyRegion()).isEqualTo(BodyRegion.PRIMARY_SITE);
            assertThat(s.source()).isEqualTo(RecordSource.ETL);
            assertThat(s.studyId()).isEqualTo(DicomScan.studyId(s.studyUidHash())).matches("DCM-[a-p]{16}");
        });
        ImagingStudy ct = only(studies, pseudonymiser.patientPseudonym("1CT1"));
        assertThat(ct.modality()).isEqualTo(Modality.CT);
        assertThat(ct.contrast()).isTrue();
        assertThat(ct.day()).isEqualTo(18);
        assertThat(ct.studyUidHash()).isEqualTo(
                pseudonymiser.studyUidHash("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322"));
        ImagingStudy mr = only(studies, pseudonymiser.patientPseudonym("4MR1"));
        assertThat(mr.modality()).isEqualTo(Modality.MRI);
        assertThat(mr.contrast()).isFalse();
        assertThat(mr.day()).isEqualTo(25);
        List<ImagingStudy> two = studies.stream()
                .filter(s -> s.patientPseudonym().equals(pseudonymiser.patientPseudonym("98890234"))).toList();
        assertThat(two).extracting(ImagingStudy::modality, ImagingStudy::day).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Modality.CT, -4), org.assertj.core.groups.Tuple.tuple(Modality.MRI, 850),
                org.assertj.core.groups.Tuple.tuple(Modality.MRI, 850), org.assertj.core.groups.Tuple.tuple(Modality.MRI, 850));

        // files it cannot read are listed with the reason; the NM study is skipped, not guessed
        assertThat(run.err()).contains("unreadable/SC_rgb_jpeg.dcm").contains("README.txt").contains("[dicom-unreadable]")
                .contains("nm-bone-scan.dcm").contains("[dicom-modality]");
        assertThat(run.out()).contains("10 file(s), 8 read, 7 studies, 6 record(s)");
        // no identifier of the DICOM headers is in the output or the messages
        String csv = Files.readString(out.resolve("imaging_studies.csv"));
        for (String s : List.of("1CT1", "4MR1", "98890234", "CompressedSamples", "Doe", "1.3.6.1.4.1.5962")) {
            assertThat(csv).doesNotContain(s);
            assertThat(run.err()).doesNotContain(s);
        }
        // the same run again writes the same file
        assertThat(dicom("--body-region", "PRIMARY_SITE").code()).isZero();
        assertThat(Files.readString(out.resolve("imaging_studies.csv"))).isEqualTo(csv);
    }

    @Test
    void bodyPartsMapThroughTheSiteTableAndNothingIsGuessed() throws Exception {
        PathUtils.deleteDirectory(pacs.resolve("patient-98890234"));
        Files.delete(pacs.resolve("ct/CT_small.dcm"));
        Path mr = pacs.resolve("mr/MR_small.dcm");
        DicomSamples.withBodyPart(mr, mr, "THIGH");

        Run unmapped = dicom();
        assertThat(unmapped.code()).as(unmapped.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(unmapped.err()).contains("[dicom-body-region]").contains("THIGH").contains("dicom.body_regions");
        assertThat(out.resolve("imaging_studies.csv")).doesNotExist();

        config = Sites.create(dir.resolve("site2"), "NLAMC", 7, null, "dicom:", "  body_regions:", "    thigh: PRIMARY_SITE");
        Run mapped = dicom();
        assertThat(mapped.code()).as(mapped.toString()).isZero();
        assertThat(CsvInterchange.readAll(out.resolve("imaging_studies.csv")).batch().imagingStudies())
                .extracting(ImagingStudy::bodyRegion).containsExactly(BodyRegion.PRIMARY_SITE);
    }

    @Test
    void studiesOfPatientsNotInTheListAreErrorsAndNotCopied() throws Exception {
        Files.writeString(patients, "patient_id,diagnosis_date\n1CT1,2004-01-01\n98890234,01/05/2001\n");
        Path copies = dir.resolve("copies");

        Run run = dicom("--body-region", "CHEST", "--deidentify-to", copies.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(run.err()).contains("[dicom-no-patient]").contains("mr/MR_small.dcm")
                .contains("[unparseable]").contains("01/05/2001");
        assertThat(out.resolve("imaging_studies.csv")).doesNotExist();
        try (Stream<Path> s = Files.walk(copies)) {
            // only 1CT1 (the known patient with a readable diagnosis date) and 98890234 (known, date unreadable)
            assertThat(s.filter(Files::isRegularFile)).hasSize(6);
        }
    }

    @Test
    void deidentifiedCopiesOfAWholeFolderAreReadableAndCarryNoIdentifier() throws Exception {
        Path copies = pacs.resolve("deidentified"); // inside the scanned folder: never read back in
        Run run = dicom("--body-region", "PRIMARY_SITE", "--deidentify-to", copies.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("8 de-identified copies");
        List<Path> files;
        try (Stream<Path> s = Files.walk(copies)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(8);
        Run again = dicom("--body-region", "PRIMARY_SITE", "--deidentify-to", copies.toString());
        assertThat(again.out()).contains("10 file(s)");
        var dump = ExternalTools.pydicom(files);
        for (int i = 0; i < files.size(); i++) {
            var values = new java.util.HashMap<String, String>();
            dump.get(i).get("elements").forEach(e -> values.putIfAbsent(e.get("keyword").asText(),
                    e.has("value") ? e.get("value").asText() : ""));
            assertThat(values.get("PatientIdentityRemoved")).isEqualTo("YES");
            assertThat(values.get("PatientID")).matches("[0-9a-f]{64}");
            assertThat(files.get(i).toString()).contains(values.get("PatientID").substring(0, 16));
            String raw = new String(Files.readAllBytes(files.get(i)), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("Doe^").doesNotContain("CompressedSamples").doesNotContain("98890234");
        }
    }

    @Test
    void badArgumentsAndFoldersAreReported() {
        assertThat(Cli.run("dicom", pacs.toString(), "--purpose", "DIAGNOSIS", "--out", out.toString()).code())
                .isEqualTo(ExitCode.USAGE);
        Run bothLists = dicom("--patients-from", "x.yaml");
        assertThat(bothLists.code()).isEqualTo(ExitCode.USAGE);
        Run badPurpose = Cli.run("dicom", pacs.toString(), "--patients", patients.toString(), "--purpose", "diagnosis",
                "--out", out.toString());
        assertThat(badPurpose.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badPurpose.err()).contains("DIAGNOSIS");
        Run missing = Cli.run("dicom", dir.resolve("none").toString(), "--patients", patients.toString(), "--purpose",
                "DIAGNOSIS", "--out", out.toString(), "--config", config.toString());
        assertThat(missing.code()).isEqualTo(ExitCode.IO);
    }

    private static ImagingStudy only(List<ImagingStudy> studies, String pseudonym) {
        List<ImagingStudy> l = studies.stream().filter(s -> s.patientPseudonym().equals(pseudonym)).toList();
        assertThat(l).hasSize(1);
        return l.get(0);
    }
    /**
     * The site's PACS as a real Orthanc with DICOMweb on loopback: pulling the listed patients' studies
     * (QIDO-RS, WADO-RS) gives the records the same files give when exported to a folder.
     */
    @Test
    void studiesPulledFromAPacsOverDicomwebGiveTheSameRecordsAsAnExportedFolder() throws Exception {
        Path exported = Files.createDirectories(dir.resolve("exported"));
        for (String d : List.of("ct", "mr", "patient-98890234")) {
            PathUtils.copyDirectory(DicomSamples.file(d), exported.resolve(d));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(exported)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Run fromFolder = Cli.run("dicom", exported.toString(), "--patients", patients.toString(), "--purpose",
                "DIAGNOSIS", "--body-region", "PRIMARY_SITE", "--out", dir.resolve("out-folder").toString(), "--config", config.toString());
        assertThat(fromFolder.code()).as(fromFolder.toString()).isZero();

        try (org.lmsregistry.etl.testing.Orthanc orthanc = org.lmsregistry.etl.testing.Orthanc.start(dir.resolve("orthanc"))) {
            for (Path f : files) {
                orthanc.store(f);
            }
            Path pulled = dir.resolve("pulled");
            Run fromPacs = Cli.run("dicom", pulled.toString(), "--from-dicomweb", orthanc.dicomweb().toString(),
                    "--patients", patients.toString(), "--purpose", "DIAGNOSIS", "--body-region", "PRIMARY_SITE", "--out", dir.resolve("out-pacs").toString(),
                    "--config", config.toString());

            assertThat(fromPacs.code()).as(fromPacs.toString()).isZero();
            // 1CT1, 4MR1 and 98890234 (four studies) are in the PACS; 8NM1 is not
            assertThat(fromPacs.out()).contains("dicomweb: 4 patient(s) asked, 6 studies, " + files.size() + " file(s) pulled");
            assertThat(Files.readString(dir.resolve("out-pacs/imaging_studies.csv")))
                    .isEqualTo(Files.readString(dir.resolve("out-folder/imaging_studies.csv")));
            // no local patient id reaches the messages
            for (String id : List.of("1CT1", "4MR1", "98890234", "8NM1")) {
                assertThat(fromPacs.err()).doesNotContain(id);
            }

            // a folder that already holds files is refused: nothing else may be read with the pull
            Run notEmpty = Cli.run("dicom", pulled.toString(), "--from-dicomweb", orthanc.dicomweb().toString(),
                    "--patients", patients.toString(), "--purpose", "DIAGNOSIS", "--body-region", "PRIMARY_SITE", "--out", dir.resolve("out-again").toString(),
                    "--config", config.toString());
            assertThat(notEmpty.code()).isEqualTo(ExitCode.IO);
            assertThat(notEmpty.err()).contains("is not empty");
            assertThat(dir.resolve("out-again")).doesNotExist();
        }

        // a PACS that does not answer: a clear message, exit 3, nothing written
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run down = Cli.run("dicom", dir.resolve("pulled-2").toString(), "--from-dicomweb",
                "http://127.0.0.1:" + closed + "/dicom-web", "--patients", patients.toString(), "--purpose", "DIAGNOSIS",
                "--body-region", "PRIMARY_SITE", "--out", dir.resolve("out-down").toString(), "--config", config.toString());
        assertThat(down.code()).as(down.toString()).isEqualTo(ExitCode.IO);
        assertThat(down.err()).contains("Cannot pull from the PACS: cannot reach the PACS at http://127.0.0.1:" + closed);
        assertThat(dir.resolve("out-down")).doesNotExist();
    }
}
