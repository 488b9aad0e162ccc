package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

/** Every kind of problem a CSV file can have, with the line and field it is reported at. */
class CsvErrorsTest {

    private static final String P1 = Samples.P1;
    private static final String PATIENT_HEADER = "site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n";
    private static final String FEATURES_HEADER = "site_code,patient_pseudonym,study_id,largest_diameter_mm,margin,"
            + "heterogeneous,necrosis_present,necrosis_percent,peripheral_enhancement,adc_mean\n";

    private static Problem only(ParseResult result) {
        assertThat(result.problems()).hasSize(1);
        return result.problems().get(0);
    }

    private static String patient(String pseudonym, String sex, String age, String year) {
        return "NLAMC," + pseudonym + "," + sex + "," + age + "," + year + "\n";
    }

    private static String features(String id, String heterogeneous, String adc) {
        return "NLAMC," + P1 + "," + id + ",40,IRREGULAR," + heterogeneous + ",false,,true," + adc + "\n";
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "12a        | age_at_diagnosis_years | whole number",
            "' 54'      | age_at_diagnosis_years | remove the spaces",
            "54.0       | age_at_diagnosis_years | whole number",
            "99999999999| age_at_diagnosis_years | too large",
            "١٢         | age_at_diagnosis_years | digits 0-9",
            "+54        | age_at_diagnosis_years | whole number" })
    void integerTypeErrors(String value, String field, String hint) {
        ParseResult r = Csv.read(RecordType.PATIENT,
                PATIENT_HEADER + patient(P1, "FEMALE", "50", "2019") + patient(Samples.P2, "MALE", value, "2019"));

        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.TYPE);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.recordType()).isEqualTo(RecordType.PATIENT);
        assertThat(p.recordKey()).isEqualTo("NLAMC/" + Samples.P2);
        assertThat(p.message()).contains(hint);
        // the row is refused, the good one kept; the missing age is not reported again as REQUIRED
        assertThat(r.records(RecordType.PATIENT)).hasSize(1);
    }

    @Test
    void decimalWithCommaIsATypeErrorWhenQuotedAndAFieldCountErrorWhenNot() {
        ParseResult quoted = Csv.read(RecordType.IMAGING_FEATURES,
                FEATURES_HEADER + features("S1", "true", "1000.5") + features("S2", "true", "\"3,5\""));
        Problem p = only(quoted);
        assertThat(p.rule()).isEqualTo(Rule.TYPE);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.field()).isEqualTo("adc_mean");
        assertThat(p.value()).isEqualTo("3,5");
        assertThat(p.message()).contains("Use '.' as the decimal separator: 3.5");

        ParseResult unquoted = Csv.read(RecordType.IMAGING_FEATURES,
                FEATURES_HEADER + features("S1", "true", "1000.5") + features("S2", "true", "3,5"));
        Problem count = only(unquoted);
        assertThat(count.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(count.row()).isEqualTo(3);
        assertThat(count.message()).contains("11 fields", "header has 10");
    }

    @ParameterizedTest
    @CsvSource({ "1e3,1000", "1E+3,1000", "-0.5,-0.5", ".5,0.5", "7.,7", "1250,1250" })
    void decimalsAcceptDotAndExponentOnly(String text, double expected) {
        ParseResult r = Csv.read(RecordType.RADIOMICS_VALUE,
                "site_code,patient_pseudonym,study_id,ibsi_feature,value\nNLAMC," + P1 + ",S1,f," + text + "\n");
        assertThat(r.problems()).isEmpty();
        assertThat(((org.lmsregistry.model.record.RadiomicsValue) r.records(RecordType.RADIOMICS_VALUE).get(0))
                .value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "NaN", "Infinity", "0x1p3", "1d", "1e999", "1 000", "'1.5 '" })
    void decimalsRefuseWhatJavaWouldParse(String text) {
        ParseResult r = Csv.read(RecordType.RADIOMICS_VALUE,
                "site_code,patient_pseudonym,study_id,ibsi_feature,value\nNLAMC," + P1 + ",S1,f,\"" + text + "\"\n");
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.TYPE);
        assertThat(p.field()).isEqualTo("value");
        assertThat(p.row()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({ "yes", "TRUE", "True", "1", "y", "' true'" })
    void booleansAreTrueOrFalseOnly(String text) {
        ParseResult r = Csv.read(RecordType.IMAGING_FEATURES, FEATURES_HEADER + features("S1", text, ""));
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.TYPE);
        assertThat(p.field()).isEqualTo("heterogeneous");
        assertThat(p.value()).isEqualTo(text);
        assertThat(p.row()).isEqualTo(2);
        assertThat(p.message()).contains("true or false");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "'uterus '      | Did you mean UTERUS?",
            "UTERUS_X       | must be one of UTERUS, RETROPERITONEUM",
            "Uterus         | Did you mean UTERUS?",
            "colon / rectum | Did you mean COLON_RECTUM?",
            "Large vessel / inferior vena cava | Did you mean VASCULAR_IVC?" })
    void unknownCodes(String value, String hint) {
        String header = "site_code,patient_pseudonym,primary_location,depth,largest_diameter_mm,fnclcc_grade\n";
        ParseResult r = Csv.read(RecordType.TUMOUR, header + "NLAMC," + P1 + "," + value + ",DEEP,50,G1\n");
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.CODE_LIST);
        assertThat(p.row()).isEqualTo(2);
        assertThat(p.field()).isEqualTo("primary_location");
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.message()).contains(hint);
        assertThat(r.records(RecordType.TUMOUR)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LUNG; LIVER | \" LIVER\"",
            "LUNG;;LIVER | an empty code",
            "LUNG;      | an empty code",
            "lung       | Did you mean LUNG?" })
    void multiCodeFieldsAreSemicolonSeparatedCodes(String value, String hint) {
        String header = "site_code,patient_pseudonym,event_id,kind,day,locations\n";
        ParseResult r = Csv.read(RecordType.OUTCOME_EVENT,
                header + "NLAMC," + P1 + ",E1,DISTANT_METASTASIS,100," + value + "\n");
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.CODE_LIST);
        assertThat(p.field()).isEqualTo("locations");
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.message()).contains(hint);
        // a code list problem is not reported again as the conditionally required locations missing
        assertThat(r.problems()).noneMatch(q -> q.rule() == Rule.CONDITIONAL_REQUIRED);
    }

    @Test
    void unknownColumnsAreReportedOnceAtTheHeaderAndTheirValuesNeverEchoed() {
        String text = "site_code,name,patient_pseudonym,sex,mrn,age_at_diagnosis_years,diagnosis_year,birth_date\n"
                + "NLAMC,Jane Doe," + P1 + ",FEMALE,12345678,54,2019,1965-03-02\n"
                + "NLAMC,John Roe," + Samples.P2 + ",MALE,87654321,61,2020,1959-11-30\n";

        ParseResult r = Csv.read(RecordType.PATIENT, text);

        assertThat(r.problems()).extracting(Problem::rule, Problem::row, Problem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.UNKNOWN_FIELD, 1L, "name"),
                org.assertj.core.groups.Tuple.tuple(Rule.UNKNOWN_FIELD, 1L, "mrn"),
                org.assertj.core.groups.Tuple.tuple(Rule.UNKNOWN_FIELD, 1L, "birth_date"));
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.toString())
                .doesNotContain("Jane", "John", "12345678", "1965"));
        assertThat(r.hasErrors()).isTrue();
        // the known columns of the rows are still read (the batch is refused anyway because of the errors)
        assertThat(r.records(RecordType.PATIENT)).hasSize(2);
    }

    @Test
    void columnNameHintsForCaseAndSpaces() {
        String text = "site_code,patient_pseudonym,Sex,age_at_diagnosis_years, diagnosis_year\n";
        ParseResult r = Csv.read(RecordType.PATIENT, text);
        assertThat(r.problems()).filteredOn(p -> p.rule() == Rule.UNKNOWN_FIELD).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("Column 3 \"Sex\"", "Did you mean \"sex\"?"))
                .anySatisfy(m -> assertThat(m).contains("Did you mean \"diagnosis_year\"?"));
    }

    @Test
    void missingRequiredColumnIsReportedOnceNotPerRow() {
        String text = "site_code,patient_pseudonym,age_at_diagnosis_years,diagnosis_year\n"
                + "NLAMC," + P1 + ",54,2019\n"
                + "NLAMC," + Samples.P2 + ",61,2020\n"
                + "NLAMC," + Samples.P3 + ",70,2021\n";

        ParseResult r = Csv.read(RecordType.PATIENT, text);

        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.REQUIRED);
        assertThat(p.row()).isEqualTo(1);
        assertThat(p.field()).isEqualTo("sex");
        assertThat(p.message()).contains("missing from the header", "no row");
        assertThat(r.records(RecordType.PATIENT)).isEmpty();
    }

    @Test
    void missingOptionalColumnStillTriggersConditionalRulesPerRow() {
        String text = "site_code,patient_pseudonym,biopsy_id,day,guidance,approach,diagnostic\n"
                + "NLAMC," + P1 + ",B1,3,US,PERCUTANEOUS_EXTRAPERITONEAL,true\n";
        Problem p = only(Csv.read(RecordType.BIOPSY, text));
        assertThat(p.rule()).isEqualTo(Rule.CONDITIONAL_REQUIRED);
        assertThat(p.field()).isEqualTo("needle_gauge");
        assertThat(p.row()).isEqualTo(2);
    }

    @Test
    void emptyRequiredFieldIsReportedForItsRow() {
        ParseResult r = Csv.read(RecordType.PATIENT, PATIENT_HEADER + patient(P1, "FEMALE", "50", "2019")
                + patient(Samples.P2, "", "50", "2019"));
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.REQUIRED);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.field()).isEqualTo("sex");
    }

    @Test
    void singleRecordRulesRunAfterConversion() {
        ParseResult r = Csv.read(RecordType.PATIENT, PATIENT_HEADER + patient("ABC", "FEMALE", "95", "2019"));
        assertThat(r.problems()).extracting(Problem::rule, Problem::field, Problem::row).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.FORMAT, "patient_pseudonym", 2L),
                org.assertj.core.groups.Tuple.tuple(Rule.AGE_CAPPED_AT_90, "age_at_diagnosis_years", 2L));
        assertThat(r.records(RecordType.PATIENT)).isEmpty();
    }

    @Test
    void severalProblemsOfOneRowAreAllReported() {
        ParseResult r = Csv.read(RecordType.PATIENT, PATIENT_HEADER + patient(P1, "F", "fifty", "2019"));
        assertThat(r.problems()).extracting(Problem::rule, Problem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.CODE_LIST, "sex"),
                org.assertj.core.groups.Tuple.tuple(Rule.TYPE, "age_at_diagnosis_years"));
    }

    @Test
    void wrongFieldCountIsReportedWithItsLineAndReadingGoesOn() {
        String text = PATIENT_HEADER
                + patient(P1, "FEMALE", "50", "2019")
                + "NLAMC," + Samples.P2 + ",MALE,61\n"
                + "NLAMC," + Samples.P2 + ",MALE,61,2020,extra\n"
                + patient(Samples.P3, "FEMALE", "70", "2021");

        ParseResult r = Csv.read(RecordType.PATIENT, text);

        assertThat(r.problems()).extracting(Problem::rule, Problem::row).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.MALFORMED, 3L),
                org.assertj.core.groups.Tuple.tuple(Rule.MALFORMED, 4L));
        assertThat(r.problems().get(0).message()).contains("has 4 fields but the header has 5");
        assertThat(r.problems().get(1).message()).contains("has 6 fields");
        assertThat(r.records(RecordType.PATIENT)).hasSize(2);
        assertThat(r.rowOf(r.records(RecordType.PATIENT).get(1))).hasValue(5);
    }

    @Test
    void unterminatedQuoteStopsReadingAtTheRowItStarts() {
        String text = PATIENT_HEADER
                + patient(P1, "FEMALE", "50", "2019")
                + "NLAMC," + Samples.P2 + ",\"MALE,61,2020\n"
                + patient(Samples.P3, "FEMALE", "70", "2021");

        ParseResult r = Csv.read(RecordType.PATIENT, text);

        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.message()).contains("never closed", "lines from 3 on were not read");
        assertThat(r.records(RecordType.PATIENT)).hasSize(1);
    }

    @Test
    void textAfterAClosingQuoteStopsReading() {
        String text = PATIENT_HEADER + patient(P1, "FEMALE", "50", "2019")
                + "NLAMC," + Samples.P2 + ",\"MALE\"X,61,2020\n";
        Problem p = only(Csv.read(RecordType.PATIENT, text));
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.message()).contains("not valid CSV", "write a quote as \"\"");
    }

    @Test
    void blankLinesAndEmptyRowsAreSkippedAndLineNumbersStayTrue() {
        String text = PATIENT_HEADER
                + "\n"
                + patient(P1, "FEMALE", "50", "2019")
                + "\r\n"
                + ",,,,\n"
                + patient(Samples.P2, "MALE", "x", "2019")
                + "\n\n";

        ParseResult r = Csv.read(RecordType.PATIENT, text);

        assertThat(r.rowOf(r.records(RecordType.PATIENT).get(0))).hasValue(3);
        Problem p = only(r);
        assertThat(p.row()).isEqualTo(6);
        assertThat(p.field()).isEqualTo("age_at_diagnosis_years");
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields() {
        String header = "site_code,patient_pseudonym,primary_location,depth,largest_diameter_mm,fnclcc_grade,"
                + "histology_notes\n";
        String text = header
                + "NLAMC," + P1 + ",UTERUS,DEEP,50,G1,\"line one\nline two\r\nline three\"\n"
                + "NLAMC," + Samples.P2 + ",UTERUS,DEEP,5O,G1,\"also\ntwo lines\"\n";

        ParseResult r = Csv.read(RecordType.TUMOUR, text);

        Problem p = only(r);
        assertThat(p.row()).isEqualTo(5);
        assertThat(p.field()).isEqualTo("largest_diameter_mm");
        assertThat(p.value()).isEqualTo("5O");
    }

    @Test
    void duplicateColumnIsMalformed() {
        String text = "site_code,patient_pseudonym,sex,sex,age_at_diagnosis_years,diagnosis_year\n"
                + "NLAMC," + P1 + ",FEMALE,MALE,50,2019\n";
        ParseResult r = Csv.read(RecordType.PATIENT, text);
        Problem p = only(r);
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.row()).isEqualTo(1);
        assertThat(p.field()).isEqualTo("sex");
        assertThat(p.message()).contains("Column 4");
    }

    @Test
    void emptyFilesAndEmptyHeaders() {
        assertThat(only(Csv.read(RecordType.PATIENT, "")).message()).contains("empty", "site_code, patient_pseudonym");
        assertThat(only(Csv.read(RecordType.PATIENT, new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF })).rule())
                .isEqualTo(Rule.MALFORMED);
        Problem blankFirst = only(Csv.read(RecordType.PATIENT, "\n" + PATIENT_HEADER));
        assertThat(blankFirst.row()).isEqualTo(1);
        assertThat(blankFirst.message()).contains("Line 1 has no column names");
    }

    @Test
    void utf16IsRefusedWithAClearMessage() {
        byte[] body = (PATIENT_HEADER + patient(P1, "FEMALE", "50", "2019")).getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Problem p = only(Csv.read(RecordType.PATIENT, bytes));
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.message()).contains("UTF-16LE", "save it as UTF-8");
    }

    @Test
    void latin1IsRefusedAtTheLineItIsOn() {
        String header = "site_code,patient_pseudonym,primary_location,depth,largest_diameter_mm,fnclcc_grade,"
                + "histology_notes\n";
        String text = header + "NLAMC," + P1 + ",UTERUS,DEEP,50,G1,plain\n"
                + "NLAMC," + Samples.P2 + ",UTERUS,DEEP,50,G1,caf\u00e9\n";
        Problem p = only(Csv.read(RecordType.TUMOUR, text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(p.row()).isEqualTo(3);
        assertThat(p.message()).contains("not UTF-8", "save the file as UTF-8");
    }

    @Test
    void identifiersInFreeTextAreRefusedWithTheirRow() {
        String header = "site_code,patient_pseudonym,primary_location,depth,largest_diameter_mm,fnclcc_grade,"
                + "histology_notes\n";
        ParseResult r = Csv.read(RecordType.TUMOUR,
                header + "NLAMC," + P1 + ",UTERUS,DEEP,50,G1,\"seen by Dr. Smith on 2019-03-02\"\n");
        assertThat(r.problems()).extracting(Problem::rule).containsOnly(Rule.IDENTIFIER_REFUSED);
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.row()).isEqualTo(2));
        assertThat(r.records(RecordType.TUMOUR)).isEmpty();
    }

    @Test
    void streamingReaderReportsHeaderProblemsFirstThenRowsInOrder() {
        String text = "site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year,mrn\n"
                + patient(P1, "FEMALE", "50", "2019").replace("\n", ",x\n")
                + patient(Samples.P2, "MALE", "51", "2019").replace("\n", ",y\n");
        try (CsvRecordReader reader = CsvRecordReader.open(RecordType.PATIENT,
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.columns()).endsWith("mrn");
            assertThat(reader.headerProblems()).extracting(Problem::field).containsExactly("mrn");
            List<ParsedRow> rows = new java.util.ArrayList<>();
            reader.forEachRemaining(rows::add);
            assertThat(rows).extracting(ParsedRow::row).containsExactly(2L, 3L);
            assertThat(rows).allMatch(ParsedRow::accepted);
            assertThat(reader.rowsRead()).isEqualTo(2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
