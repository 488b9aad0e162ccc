package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;

class CsvRoundTripTest {

    private static final RegistryBatch BATCH = Samples.batch();

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everyRecordTypeRoundTrips(RecordType type) {
        List<? extends RegistryRecord> records = BATCH.records(type);
        assertThat(records).isNotEmpty();

        String text = Csv.write(type, records);
        ParseResult read = Csv.read(type, text);

        assertThat(read.errors()).isEmpty();
        assertThat(Csv.list(read.records(type))).containsExactlyElementsOf(records);
        // writing what was read gives the same bytes
        assertThat(Csv.write(type, read.records(type))).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void writerUsesSpecOrderLfAndNoBom(RecordType type) {
        String text = Csv.write(type, BATCH.records(type));
        String header = type.fields().stream().map(FieldSpec::name).collect(Collectors.joining(","));
        assertThat(text).startsWith(header + "\n").endsWith("\n");
        assertThat(text.charAt(0)).isNotEqualTo('\uFEFF');
        if (type != RecordType.TUMOUR) { // the only free text holds CR inside quotes on purpose
            assertThat(text).doesNotContain("\r");
        }
    }

    @Test
    void aRowWithOnlyWarningsIsAcceptedAndWarned() {
        ParseResult read = Csv.read(RecordType.BIOPSY, Csv.write(RecordType.BIOPSY, Samples.biopsies()));

        assertThat(read.records(RecordType.BIOPSY)).hasSize(3);
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(org.lmsregistry.model.validation.Rule.NEEDLE_FINER_THAN_16G);
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.recordKey()).isEqualTo("NLAMC/" + Samples.P2 + "/b-2.x_y");
        });
    }

    @Test
    void writerQuotesOnlyWhereNeeded() {
        String text = Csv.write(RecordType.TUMOUR, Samples.tumours());
        String[] lines = text.split("\n");
        // plain values are never quoted
        assertThat(lines[1]).startsWith("NLAMC," + Samples.P1 + ",UTERUS,DEEP,85,2,12,LESS_THAN_HALF,G2,IIIA,\"  ");
        // a quote inside text is doubled, the field quoted
        assertThat(text).contains(",\"\"\"quoted from the start\"\"\"\n");
        // a '#' at the start is quoted (harmless), ',' needs quoting
        assertThat(text).endsWith(",IV,\"#, not a comment\"\n");
        // multi-code fields are one unquoted field with ';'
        assertThat(Csv.write(RecordType.IMAGING_STUDY, Samples.imagingStudies())).contains(",LUNG;LIVER;OTHER\n");
    }

    @Test
    void multiLineTextKeepsItsLineBreaksAndRowsTheirStartingLine() {
        ParseResult read = Csv.read(RecordType.TUMOUR, Csv.write(RecordType.TUMOUR, Samples.tumours()));

        Tumour first = (Tumour) read.records(RecordType.TUMOUR).get(0);
        assertThat(first.histologyNotes()).isEqualTo(Samples.NASTY_TEXT);
        // the first row spans lines 2-5 (LF, CRLF and CR inside the quotes), so the second starts on line 6
        assertThat(read.records(RecordType.TUMOUR)).extracting(r -> read.rowOf(r).orElseThrow())
                .containsExactly(2L, 6L, 7L);
    }

    @Test
    void writtenFileIsPlainRfc4180() throws IOException {
        // another RFC 4180 reader sees the same fields
        String text = Csv.write(RecordType.TUMOUR, Samples.tumours());
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new java.io.StringReader(text)).getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get(10)).isEqualTo("histology_notes");
        assertThat(rows.get(1).get(10)).isEqualTo(Samples.NASTY_TEXT);
    }

    @Test
    void bomAndCrlfAreAccepted() {
        String text = Csv.write(RecordType.PATIENT, Samples.patients()).replace("\n", "\r\n");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        ParseResult read = Csv.read(RecordType.PATIENT, withBom);

        assertThat(read.problems()).isEmpty();
        assertThat(Csv.list(read.records(RecordType.PATIENT))).containsExactlyElementsOf(Samples.patients());
        assertThat(read.records(RecordType.PATIENT)).extracting(r -> read.rowOf(r).orElseThrow())
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    void lastLineWithoutLineBreakIsRead() {
        String text = Csv.write(RecordType.PATIENT, Samples.patients()).stripTrailing();
        assertThat(Csv.read(RecordType.PATIENT, text).records(RecordType.PATIENT)).hasSize(3);
    }

    @Test
    void reorderedColumnsAreReadByName() {
        String text = Csv.write(RecordType.IMAGING_STUDY, Samples.imagingStudies());
        String reordered = reverseColumns(text);
        assertThat(reordered).startsWith("finding_locations,confirmation_method,");

        ParseResult read = Csv.read(RecordType.IMAGING_STUDY, reordered);

        assertThat(read.problems()).isEmpty();
        assertThat(Csv.list(read.records(RecordType.IMAGING_STUDY))).containsExactlyElementsOf(Samples.imagingStudies());
    }

    @Test
    void missingOptionalColumnsMeanNotGiven() {
        String text = "diagnostic,approach,day,biopsy_id,patient_pseudonym,site_code,guidance\n"
                + "true,OPEN_INCISIONAL,3,B1," + Samples.P1 + ",NLAMC,NONE\n";

        ParseResult read = Csv.read(RecordType.BIOPSY, text);

        assertThat(read.problems()).isEmpty();
        assertThat(read.records(RecordType.BIOPSY)).singleElement().satisfies(b -> assertThat(b)
                .isEqualTo(new org.lmsregistry.model.record.Biopsy("NLAMC", Samples.P1, "B1", 3,
                        org.lmsregistry.model.code.BiopsyGuidance.NONE, null,
                        org.lmsregistry.model.code.BiopsyApproach.OPEN_INCISIONAL, true)));
    }

    @Test
    void emptyAndQuotedEmptyFieldsAreNotGiven() {
        String text = "site_code,patient_pseudonym,biopsy_id,day,guidance,needle_gauge,approach,diagnostic\n"
                + "NLAMC," + Samples.P1 + ",B1,3,NONE,,OPEN_INCISIONAL,true\n"
                + "NLAMC," + Samples.P1 + ",B2,3,NONE,\"\",OPEN_INCISIONAL,true\n";

        ParseResult read = Csv.read(RecordType.BIOPSY, text);

        assertThat(read.problems()).isEmpty();
        assertThat(read.records(RecordType.BIOPSY)).extracting(r -> ((org.lmsregistry.model.record.Biopsy) r)
                .needleGauge()).containsExactly(null, null);
    }

    @Test
    void headerOnlyFileHasNoRecordsAndNoProblems() {
        ParseResult read = Csv.read(RecordType.TREATMENT, Csv.write(RecordType.TREATMENT, List.of()));
        assertThat(read.problems()).isEmpty();
        assertThat(read.batch().size()).isZero();
    }

    @Test
    void folderRoundTrip(@TempDir Path dir) throws IOException {
        List<Path> files = InterchangeFolder.write(BATCH, dir);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("patients.csv", "tumours.csv", "biopsies.csv", "imaging_studies.csv",
                        "imaging_features.csv", "radiomics_values.csv", "treatments.csv", "outcome_events.csv");
        Files.writeString(dir.resolve("README.txt"), "not a csv file, ignored");

        ParseResult read = InterchangeFolder.readAll(dir);

        assertThat(read.errors()).isEmpty();
        assertThat(read.batch()).isEqualTo(BATCH);
    }

    @Test
    void folderWithSomeFilesAndAStrayCsv(@TempDir Path dir) throws IOException {
        CsvInterchange.write(RecordType.PATIENT, Samples.patients(), dir.resolve("patients.csv"));
        Files.writeString(dir.resolve("identifiers.csv"), "mrn,name\n123,Jane\n");

        ParseResult read = InterchangeFolder.readAll(dir);

        assertThat(read.records(RecordType.PATIENT)).hasSize(3);
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.recordType()).isNull();
            assertThat(p.value()).isEqualTo("identifiers.csv");
            assertThat(p.message()).contains("identifiers.csv", "patients.csv").doesNotContain("Jane");
        });
    }

    @Test
    void equalRowsKeepTheirOwnRows() {
        List<RegistryRecord> twice = new ArrayList<>(Collections.nCopies(2, Samples.patients().get(0)));
        ParseResult read = Csv.read(RecordType.PATIENT, Csv.write(RecordType.PATIENT, twice));

        List<? extends RegistryRecord> records = read.records(RecordType.PATIENT);
        assertThat(records.get(0)).isEqualTo(records.get(1));
        assertThat(read.rowOf(records.get(0))).hasValue(2);
        assertThat(read.rowOf(records.get(1))).hasValue(3);
        assertThat(read.rowOf(Samples.patients().get(0))).isEmpty();
    }

    /** Reverses the column order of a CSV text (re-quoting through commons-csv). */
    private static String reverseColumns(String text) {
        try {
            StringBuilder out = new StringBuilder();
            var printer = new org.apache.commons.csv.CSVPrinter(out, CsvRecordWriter.FORMAT);
            for (CSVRecord r : CSVFormat.RFC4180.parse(new java.io.StringReader(text))) {
                List<String> values = new ArrayList<>(r.toList());
                Collections.reverse(values);
                printer.printRecord(values);
            }
            printer.flush();
            return out.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
