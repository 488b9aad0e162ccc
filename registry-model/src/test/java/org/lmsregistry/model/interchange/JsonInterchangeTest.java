package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

class JsonInterchangeTest {

    private static final String P1 = Samples.P1;

    private static String write(RegistryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonInterchange.write(batch, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ParseResult read(String json) {
        return JsonInterchange.readAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Problem only(ParseResult r) {
        assertThat(r.problems()).hasSize(1);
        return r.problems().get(0);
    }

    private static String study(String extra) {
        return "{\"site_code\":\"NLAMC\",\"patient_pseudonym\":\"" + P1 + "\",\"study_id\":\"S1\",\"day\":400,"
                + "\"modality\":\"CT\",\"purpose\":\"SURVEILLANCE\",\"body_region\":\"CHEST\",\"contrast\":true,"
                + "\"source\":\"FORM\"" + extra + "}";
    }

    private static final String NED = ",\"result\":\"NO_EVIDENCE_OF_DISEASE\"";

    @Test
    void batchRoundTrips() {
        RegistryBatch batch = Samples.batch();
        String json = write(batch);

        ParseResult read = read(json);

        assertThat(read.errors()).isEmpty();
        assertThat(read.batch()).isEqualTo(batch);
        assertThat(write(read.batch())).isEqualTo(json);
        assertThat(read.rowOf(read.records(RecordType.TUMOUR).get(2))).hasValue(3);
    }

    @Test
    void writerPutsOneRecordPerLineWithTypedValues() {
        String json = write(new RegistryBatch(Samples.patients().subList(0, 2), List.of(), List.of(),
                Samples.imagingStudies().subList(1, 2), List.of(), Samples.radiomicsValues().subList(0, 3), List.of(),
                List.of()));
        String[] lines = json.split("\n");
        assertThat(lines[0]).isEqualTo("{");
        assertThat(lines[1]).isEqualTo("\"patients\":[");
        assertThat(lines[2]).isEqualTo("{\"site_code\":\"NLAMC\",\"patient_pseudonym\":\"" + P1
                + "\",\"sex\":\"FEMALE\",\"age_at_diagnosis_years\":54,\"diagnosis_year\":2019},");
        assertThat(lines[4]).isEqualTo("],");
        assertThat(lines[5]).isEqualTo("\"tumours\":[],");
        assertThat(json).contains("\"finding_locations\":[\"LUNG\",\"LIVER\",\"OTHER\"]}")
                .contains("\"contrast\":true").contains("\"value\":153221.25").contains("\"value\":1.0E-7")
                .doesNotContain("null").doesNotContain("study_uid_hash");
        assertThat(json).endsWith("\"outcome_events\":[]\n}\n");
    }

    @Test
    void typesInAnyOrderAndNotGivenAsNullEmptyOrAbsent() {
        String json = "{\"imaging_studies\": [" + study(NED + ",\"study_uid_hash\":null,\"finding_confirmed\":null,"
                + "\"finding_locations\":[],\"confirmation_method\":\"\"") + "],\n \"patients\": []}";

        ParseResult r = read(json);

        assertThat(r.problems()).isEmpty();
        assertThat(Csv.list(r.records(RecordType.IMAGING_STUDY))).containsExactly(new ImagingStudy("NLAMC", P1, "S1",
                400, Modality.CT, StudyPurpose.SURVEILLANCE, BodyRegion.CHEST, true, null, RecordSource.FORM,
                SurveillanceResult.NO_EVIDENCE_OF_DISEASE, null, null, null));
    }

    @Test
    void wrongJsonTypesAreTypeProblems() {
        String json = "{\"imaging_studies\": [\n"
                + study(NED) + ",\n"
                + study(NED).replace("\"day\":400", "\"day\":\"400\"") + ",\n"
                + study(NED).replace("\"day\":400", "\"day\":400.5") + ",\n"
                + study(NED).replace("\"contrast\":true", "\"contrast\":\"true\"") + ",\n"
                + study(NED).replace("\"modality\":\"CT\"", "\"modality\":[\"CT\"]") + ",\n"
                + study(NED).replace("\"day\":400", "\"day\":4000000000") + ",\n"
                + study(NED).replace("\"study_id\":\"S1\"", "\"study_id\":1") + "\n"
                + "]}";

        ParseResult r = read(json);

        assertThat(r.problems()).extracting(Problem::rule, Problem::row, Problem::field, Problem::value)
                .containsExactly(
                        tuple(Rule.TYPE, 2L, "day", "400"),
                        tuple(Rule.TYPE, 3L, "day", "400.5"),
                        tuple(Rule.TYPE, 4L, "contrast", "true"),
                        tuple(Rule.TYPE, 5L, "modality", "an array"),
                        tuple(Rule.TYPE, 6L, "day", "4000000000"),
                        tuple(Rule.TYPE, 7L, "study_id", "1"));
        assertThat(r.problems().get(0).message()).contains("must be a whole number in JSON, was a string \"400\"");
        assertThat(r.records(RecordType.IMAGING_STUDY)).hasSize(1);
    }

    @Test
    void codesAndCodeArrays() {
        String distant = ",\"result\":\"DISTANT_METASTASIS\",\"finding_confirmed\":false";
        String json = "{\"imaging_studies\": [\n"
                + study(distant + ",\"finding_locations\":[\"LUNG\",\"BONE\"]") + ",\n"
                + study(distant + ",\"finding_locations\":\"LUNG\"") + ",\n"
                + study(distant + ",\"finding_locations\":[\"LUNG\",3]") + ",\n"
                + study(distant + ",\"finding_locations\":[\"lung\"]") + ",\n"
                + study(",\"result\":\"NED\"") + "\n"
                + "]}";

        ParseResult r = read(json);

        assertThat(r.problems()).extracting(Problem::rule, Problem::row, Problem::field).containsExactly(
                tuple(Rule.TYPE, 2L, "finding_locations"),
                tuple(Rule.TYPE, 3L, "finding_locations"),
                tuple(Rule.CODE_LIST, 4L, "finding_locations"),
                tuple(Rule.CODE_LIST, 5L, "result"));
        assertThat(r.problems().get(2).message()).contains("Did you mean LUNG?");
        assertThat(((ImagingStudy) r.records(RecordType.IMAGING_STUDY).get(0)).findingLocations())
                .containsExactly(FindingLocation.LUNG, FindingLocation.BONE);
    }

    @Test
    void unknownPropertiesAreUnknownFields() {
        String json = "{\"patients\": [{\"site_code\":\"NLAMC\",\"patient_pseudonym\":\"" + P1 + "\",\"sex\":"
                + "\"FEMALE\",\"name\":\"Jane Doe\",\"age_at_diagnosis_years\":54,\"diagnosis_year\":2019,"
                + "\"birth_date\":{\"y\":1965}}], \"mrns\": [\"123456\"]}";

        ParseResult r = read(json);

        assertThat(r.problems()).extracting(Problem::rule, Problem::recordType, Problem::row, Problem::field)
                .containsExactly(
                        tuple(Rule.UNKNOWN_FIELD, RecordType.PATIENT, 1L, "name"),
                        tuple(Rule.UNKNOWN_FIELD, RecordType.PATIENT, 1L, "birth_date"),
                        tuple(Rule.UNKNOWN_FIELD, null, 0L, "mrns"));
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("Jane", "1965", "123456"));
    }

    @Test
    void structureProblems() {
        assertThat(only(read("")).message()).contains("empty");
        assertThat(only(read("[]")).message()).contains("must be a batch object");
        assertThat(only(read("{\"patients\": {}}"))).satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.TYPE);
            assertThat(p.field()).isEqualTo("patients");
        });
        assertThat(only(read("{\"patients\": [], \"patients\": []}")).rule()).isEqualTo(Rule.MALFORMED);
        assertThat(only(read("{\"patients\": [42]}"))).satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.TYPE);
            assertThat(p.row()).isEqualTo(1);
        });
        assertThat(read("{\"patients\": null}").problems()).isEmpty();
    }

    @Test
    void duplicatePropertyInARecord() {
        String json = "{\"patients\": [{\"site_code\":\"NLAMC\",\"patient_pseudonym\":\"" + P1 + "\",\"sex\":"
                + "\"FEMALE\",\"sex\":\"MALE\",\"age_at_diagnosis_years\":54,\"diagnosis_year\":2019}]}";
        ParseResult r = read(json);
        assertThat(only(r)).extracting(Problem::rule, Problem::field).containsExactly(Rule.MALFORMED, "sex");
        assertThat(r.records(RecordType.PATIENT)).isEmpty();
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumnAndStops() {
        String json = "{\"imaging_studies\": [\n" + study(NED) + ",\n" + study(NED) + ",\n"
                + "{\"site_code\": \"NLAMC\", \"day\": 12,,}\n]}";

        ParseResult r = read(json);

        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.recordType()).isEqualTo(RecordType.IMAGING_STUDY);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.message()).contains("line 4, column 34", "record 3", "Reading stopped");
        assertThat(r.records(RecordType.IMAGING_STUDY)).hasSize(2);
    }

    @Test
    void unterminatedAndTrailingContent() {
        assertThat(only(read("{\"patients\": [")).message()).contains("not well-formed", "line 1",
                "before the first record");
        assertThat(only(read("{\"imaging_studies\": [" + study(NED) + "\n" + study(NED) + "]}")).message())
                .contains("line 2, column 1", "after record 1");
        assertThat(only(read("{\"patients\": []} {")).rule()).isEqualTo(Rule.MALFORMED);
        assertThat(only(read("{\"patients\": []} 42")).message()).contains("Unexpected a number after the end");
        ParseResult.Collector c = new ParseResult.Collector();
        JsonInterchange.readRecords(RecordType.PATIENT,
                new ByteArrayInputStream("[] []".getBytes(StandardCharsets.UTF_8)), c);
        assertThat(c.result().problems()).singleElement().extracting(Problem::rule).isEqualTo(Rule.MALFORMED);
    }

    @Test
    void bareArrayOfOneType() {
        String json = "[" + study(NED) + ",\n" + study(NED).replace("\"S1\"", "\"S2\"") + "]";
        ParseResult.Collector c = new ParseResult.Collector();
        ReadStats stats = JsonInterchange.readRecords(RecordType.IMAGING_STUDY,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), c);
        assertThat(stats).isEqualTo(new ReadStats(2, 2, 0, 0));
        assertThat(c.result().records(RecordType.IMAGING_STUDY)).hasSize(2);
    }

    @Test
    void streamingWriterNeedsRecordsGroupedByType() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonBatchWriter w = new JsonBatchWriter(out, true)) {
            w.write(Samples.treatments().get(0)).write(Samples.treatments().get(1));
            w.write(Samples.patients().get(0));
            assertThatThrownBy(() -> w.write(Samples.treatments().get(2)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("treatments");
        }
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n\"treatments\": [\n{\"site_code\": \"NLAMC\", ");
        ParseResult r = read(json);
        assertThat(r.problems()).isEmpty();
        assertThat(r.records(RecordType.TREATMENT)).hasSize(2);
        assertThat(r.records(RecordType.PATIENT)).hasSize(1);
    }
}
