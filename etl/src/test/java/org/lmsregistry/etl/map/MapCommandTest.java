package org.lmsregistry.etl.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.etl.testing.Sites;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.Tumour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MapCommandTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;
    Path mapping;
    Path config;
    Path out;
    Pseudonymiser pseudonymiser = new Pseudonymiser(Sites.key(7));

    @BeforeEach
    void exports() throws Exception {
        mapping = MessyExports.copyTo(dir.resolve("exports"));
        config = Sites.create(dir.resolve("site"), "NLAMC", 7, null);
        out = dir.resolve("out");
    }

    private Run map(String... extra) {
        return Cli.run(Stream.concat(Stream.of("map", mapping.toString(), "--out", out.toString(), "--config",
                config.toString()), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void mapsTheMessyExportsOfTheDocumentation() throws Exception {
        Run run = map();

        assertThat(run.code()).as(run.toString()).isZero();
        ParseResult patients = CsvInterchange.readAll(out.resolve("patients.csv"));
        assertThat(patients.problems()).isEmpty();
        assertThat(patients.batch().patients()).containsExactly(
                new Patient("NLAMC", pseudonymiser.patientPseudonym("100234"), Sex.FEMALE, 57, 2019),
                new Patient("NLAMC", pseudonymiser.patientPseudonym("100871"), Sex.FEMALE, 90, 2018),
                new Patient("NLAMC", pseudonymiser.patientPseudonym("100999"), Sex.MALE, 50, 2020));

        ParseResult tumours = CsvInterchange.readAll(out.resolve("tumours.csv"));
        assertThat(tumours.problems()).isEmpty();
        assertThat(tumours.records(org.lmsregistry.model.record.RecordType.TUMOUR)).extracting(
                t -> ((Tumour) t).primaryLocation(), t -> ((Tumour) t).largestDiameterMm(), t -> ((Tumour) t).statedGrade())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PrimaryLocation.UTERUS, 85, FnclccGrade.G2),
                        org.assertj.core.groups.Tuple.tuple(PrimaryLocation.RETROPERITONEUM, 125, FnclccGrade.G3),
                        org.assertj.core.groups.Tuple.tuple(PrimaryLocation.EXTREMITY, 60, FnclccGrade.G1));

        ParseResult studies = CsvInterchange.readAll(out.resolve("imaging_studies.csv"));
        assertThat(studies.problems()).isEmpty();
        List<ImagingStudy> s = studies.records(org.lmsregistry.model.record.RecordType.IMAGING_STUDY).stream()
                .map(ImagingStudy.class::cast).toList();
        assertThat(s).extracting(ImagingStudy::day).containsExactly(MessyExports.EXAM_DAYS[0],
                MessyExports.EXAM_DAYS[1], MessyExports.EXAM_DAYS[2], MessyExports.EXAM_DAYS[3]);
        assertThat(s.get(0).studyId()).isEqualTo("MRI-D-10");
        assertThat(s.get(0).modality()).isEqualTo(Modality.MRI);
        assertThat(s.get(0).bodyRegion()).isEqualTo(BodyRegion.PRIMARY_SITE);
        assertThat(s.get(1).purpose()).isEqualTo(StudyPurpose.STAGING);
        assertThat(s.get(1).contrast()).isFalse();
        assertThat(s.get(2).patientPseudonym()).isEqualTo(pseudonymiser.patientPseudonym("100871"));

        // no identifier or date of the exports reaches the registry files
        for (String f : List.of("patients.csv", "tumours.csv", "imaging_studies.csv")) {
            String text = Files.readString(out.resolve(f));
            assertThat(text).doesNotContain("100234").doesNotContain("Jansen").doesNotContain("1961")
                    .doesNotContain("Massa").doesNotContain("43526");
        }
        // and the registry's own validation accepts them
        Run validate = Cli.run("validate", out.toString());
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(run.out()).contains("patients.csv: 3 record(s)").contains("imaging_studies.csv: 4 record(s)");
    }

    @Test
    void theDocumentationShowsTheTestedMapping() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "etl-mapping.md"));
        String yaml = doc.substring(doc.indexOf("```yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n") + 8));
        assertThat(yaml).isEqualTo(Files.readString(mapping));
        assertThat(doc).contains("MRI-D-10").contains("`-10`");
    }

    @Test
    void anUnmappedCodeIsReportedWithFileLineColumnAndValueAndNothingIsWritten() throws Exception {
        Path exams = mapping.resolveSibling("exams.csv");
        Files.writeString(exams, Files.readString(exams, CP1252).replace("100871,43363,CT", "100871,43363,MRT"), CP1252);
        Files.createDirectories(out);
        Files.writeString(out.resolve("patients.csv"), "left alone");
        Path report = dir.resolve("report.json");

        Run run = map("--report", report.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(run.err()).contains("exams.csv").contains("[unmapped-code]")
                .contains("row 6, Modaliteit = \"MRT\"").contains("Nothing was written");
        assertThat(Files.readString(out.resolve("patients.csv"))).isEqualTo("left alone");
        assertThat(out.resolve("imaging_studies.csv")).doesNotExist();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).hasSize(1);
        }
        JsonNode f = new ObjectMapper().readTree(report.toFile()).get("findings").get(0);
        assertThat(f.get("file").asText()).isEqualTo("exams.csv");
        assertThat(f.get("row").asInt()).isEqualTo(6);
        assertThat(f.get("field").asText()).isEqualTo("Modaliteit");
        assertThat(f.get("value").asText()).isEqualTo("MRT");
        assertThat(f.get("rule").asText()).isEqualTo("unmapped-code");
    }

    @Test
    void numbersDatesAndWholeNumbersAreReadOnlyAsDeclared() throws Exception {
        mapping = MessyExports.copyTo(dir.resolve("exports2"), "12.5");
        Path patients = mapping.resolveSibling("patients.csv");
        Files.writeString(patients, Files.readString(patients).replace("12.03.2019", "31.02.2019")
                .replace("1925-11-02", "2.11.1925"));

        Run run = map();

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(run.err())
                .contains("tumours.xlsx [Tumoren]")
                .contains("row 5, Tumor Grootte (cm) (C) = \"12.5\"")
                .contains("is not a number with ',' as the decimal separator")
                .contains("row 4, Diagnosedatum = \"31.02.2019\"")
                .contains("row 5, Geboortedatum = \"2.11.1925\"");
        // a bad date is reported once, not again as a missing age or day offset
        assertThat(run.err()).doesNotContain("[required]").doesNotContain("No diagnosis date");
        assertThat(out).doesNotExist();

        mapping = MessyExports.copyTo(dir.resolve("exports3"), "12,55");
        Run whole = map();
        assertThat(whole.code()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(whole.err()).contains("after conversion: 125.5").contains("round: half_up");
        Files.writeString(mapping, Files.readString(mapping).replace("unit: cm }", "unit: cm, round: half_up }"));
        assertThat(map().code()).isZero();
        assertThat(Files.readString(out.resolve("tumours.csv"))).contains(",126,");
    }

    @Test
    void rowsOfUnknownPatientsAndRegistryRuleBreachesPointAtTheirSourceLine() throws Exception {
        Path exams = mapping.resolveSibling("exams.csv");
        Files.writeString(exams, Files.readString(exams, CP1252).replace("100871,43363", "100872,43363")
                .replace("100999,44007", "100999,1000"), CP1252);

        Run run = map();

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(run.err()).contains("[unknown-patient-id]").contains("exams.csv").contains("row 6, Patient nr")
                .contains("[range]").contains("), Onderzoeksdatum = \"1000\": Day of study must be between -730 and "
                        + "36500 days from diagnosis. (written as \"-43000\")");
        // the identifier itself is not echoed in the unknown-patient message
        assertThat(run.err()).doesNotContain("100872");
    }

    @Test
    void aColumnNeitherMappedNorDroppedOrMissingIsAMappingError() throws Exception {
        Path exams = mapping.resolveSibling("exams.csv");
        Files.writeString(exams, Files.readString(exams, CP1252).replaceFirst("Verslag", "Verslag,BSN")
                .replace("\r\n1", ",\r\n1"), CP1252);
        Files.writeString(mapping, Files.readString(mapping).replace("column: Geslacht", "column: Sex"));

        Run run = map();

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("[unlisted-column]").contains("BSN").contains("sources.exams.drop")
                .contains("[mapping]").contains("column \"Sex\"").contains("Geslacht");
        assertThat(out).doesNotExist();
    }

    @Test
    void aWrongEncodingIsReportedAtItsLine() throws Exception {
        Files.writeString(mapping, Files.readString(mapping).replace("encoding: windows-1252", "encoding: UTF-8"));
        Run run = map();
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("exams.csv is not valid UTF-8 (line 4").contains("windows-1252");
    }

    @Test
    void anInvalidMappingFileListsEveryProblem() throws Exception {
        Files.writeString(mapping, Files.readString(mapping).replace("MR: MRI", "MR: MRT")
                .replace("unit: cm", "unit: furlong").replace("skip_rows: 2", "skip_rows: 2\n    sepparator: \";\""));
        Run unknownSetting = map();
        assertThat(unknownSetting.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownSetting.err()).contains("unknown setting \"sepparator\"").contains("delimiter");

        Files.writeString(mapping, Files.readString(mapping).replace("\n    sepparator: \";\"", "")
                .replace("source: { value: ETL }", "source: { value: Etl }\n      patient_pseudonym: { column: X }"));
        Run run = Cli.run("map", mapping.toString(), "--check");
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("\"MR\" maps to \"MRT\"").contains("cannot convert \"furlong\"")
                .contains("Did you mean ETL?").contains("patient_pseudonym: filled in by etl");
    }

    @Test
    void missingFilesAreIoErrors() throws Exception {
        Files.delete(mapping.resolveSibling("exams.csv"));
        Run run = map();
        assertThat(run.code()).isEqualTo(ExitCode.IO);
        assertThat(run.err()).contains("no file").contains("exams.csv");
        assertThat(Cli.run("map", dir.resolve("none.yaml").toString(), "--out", out.toString()).code())
                .isEqualTo(ExitCode.IO);
        assertThat(Cli.run("map", mapping.toString()).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void jsonMappingFilesWorkToo() throws Exception {
        Path json = mapping.resolveSibling("mapping.json");
        Object tree = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(
                mapping.toFile(), Object.class);
        new ObjectMapper().writeValue(json.toFile(), tree);
        mapping = json;
        Run run = map();
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(Files.readString(out.resolve("patients.csv"), StandardCharsets.UTF_8)).hasLineCount(4);
    }
}
