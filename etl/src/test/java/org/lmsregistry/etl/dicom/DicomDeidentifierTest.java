package org.lmsregistry.etl.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.testing.ExternalTools;
import org.lmsregistry.etl.testing.Sites;
import org.lmsregistry.model.pseudonym.Pseudonymiser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * De-identified copies checked with independent readers (pydicom and dcmdump), against DICOM
 * PS3.15 Annex E: Basic Profile with the Retain Longitudinal Temporal Information with Modified
 * Dates Option.
 */
class DicomDeidentifierTest {

    /**
     * Attributes of PS3.15 Table E.1-1 that the Basic Profile removes (X), empties (Z) or replaces with a
     * dummy (D) and that occur in the samples: none may keep its original value.
     */
    static final Set<String> BASIC_PROFILE_NOT_KEPT = Set.of("AccessionNumber", "InstitutionName",
            "InstitutionAddress", "InstitutionalDepartmentName", "ReferringPhysicianName", "PerformingPhysicianName",
            "OperatorsName", "StationName", "StudyDescription", "SeriesDescription", "ProtocolName", "StudyID",
            "PatientName", "PatientID", "PatientBirthDate", "PatientAge", "PatientSex", "PatientAddress",
            "PatientTelephoneNumbers", "OtherPatientNames", "OtherPatientIDs", "OtherPatientIDsSequence",
            "IssuerOfPatientID", "DeviceSerialNumber", "ImageComments", "AdditionalPatientHistory",
            "RequestAttributesSequence", "RequestedProcedureID", "PatientWeight", "PatientSize",
            "ReferencedPatientSequence", "ReferencedStudySequence", "PerformedProcedureStepID",
            "PerformedProcedureStepDescription", "ContrastBolusAgent", "NameOfPhysiciansReadingStudy");

    static final int SHIFT = -123;

    @TempDir
    Path dir;

    Pseudonymiser pseudonymiser = new Pseudonymiser(Sites.key(7));
    DicomDeidentifier deidentifier = new DicomDeidentifier(pseudonymiser::replacementUid);
    String pseudonym = pseudonymiser.patientPseudonym("1CT1");

    private Path copy(Path in, Path out) throws Exception {
        return deidentifier.deidentify(in, out, pseudonym, SHIFT).file();
    }

    @Test
    void everyTransferSyntaxIsCopiedInItsOwnSyntaxWithPixelDataByteIdentical() throws Exception {
        List<Path> originals = new ArrayList<>();
        originals.add(DicomSamples.file("ct/CT_small.dcm"));
        originals.add(DicomSamples.file("mr/MR_small.dcm"));
        try (Stream<Path> s = Files.list(DicomSamples.file("syntaxes"))) {
            s.sorted().forEach(originals::add);
        }
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            copies.add(copy(originals.get(i), dir.resolve("c" + i)));
        }
        JsonNode before = ExternalTools.pydicom(originals);
        JsonNode after = ExternalTools.pydicom(copies);
        Set<String> syntaxes = new java.util.TreeSet<>();
        for (int i = 0; i < originals.size(); i++) {
            JsonNode o = before.get(i);
            JsonNode c = after.get(i);
            assertThat(c.get("transfer_syntax").asText()).as(originals.get(i).toString())
                    .isEqualTo(o.get("transfer_syntax").asText());
            assertThat(c.get("pixel_length").asInt()).as(originals.get(i).toString()).isPositive()
                    .isEqualTo(o.get("pixel_length").asInt());
            assertThat(c.get("pixel_sha256").asText()).as(originals.get(i).toString())
                    .isEqualTo(o.get("pixel_sha256").asText());
            syntaxes.add(c.get("transfer_syntax").asText());
            ExternalTools.dcmdump(copies.get(i));
        }
        assertThat(syntaxes).contains("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
                "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1.99",
                "1.2.840.10008.1.2.4.51");
    }

    @Test
    void nothingTheBasicProfileRemovesOrReplacesSurvives() throws Exception {
        Path original = DicomSamples.enrichedCt(dir.resolve("in"));
        Path copy = copy(original, dir.resolve("out"));
        JsonNode both = ExternalTools.pydicom(List.of(original, copy));
        Map<String, String> before = values(both.get(0));
        Map<String, String> after = values(both.get(1));

        for (String keyword : BASIC_PROFILE_NOT_KEPT) {
            String o = before.get(keyword);
            if (o != null && !o.isEmpty() && !o.equals("<sequence>")) {
                // removed, emptied, or replaced by a dummy: never the original value
                String a = after.get(keyword);
                assertThat(a == null ? "" : a).as(keyword).doesNotContain(o);
            }
        }
        assertThat(before).containsKeys("AccessionNumber", "ReferringPhysicianName", "PatientBirthDate",
                "OtherPatientIDsSequence", "RequestAttributesSequence", "ContrastBolusAgent");
        assertThat(after.get("PatientID")).isEqualTo(pseudonym);
        assertThat(after.get("PatientName")).isEqualTo(pseudonym);
        assertThat(after.get("PatientIdentityRemoved")).isEqualTo("YES");
        assertThat(after.get("LongitudinalTemporalInformationModified")).isEqualTo("MODIFIED");

        List<JsonNode> elements = list(both.get(1));
        // no private data anywhere, and no person name but the pseudonym
        assertThat(elements).noneMatch(e -> e.get("private").asBoolean());
        assertThat(elements).filteredOn(e -> e.get("vr").asText().equals("PN") && !e.get("value").asText().isEmpty())
                .extracting(e -> e.get("keyword").asText()).containsExactly("PatientName");
        // every UID is a keyed replacement or a standard (class, syntax, scheme) UID, and no original instance UID is left
        Set<String> originalInstanceUids = new java.util.HashSet<>();
        list(both.get(0)).stream().filter(e -> e.get("vr").asText().equals("UI")
                && !e.get("keyword").asText().equals("ImplementationClassUID"))
                .map(e -> e.get("value").asText()).filter(v -> !v.startsWith("1.2.840.10008."))
                .forEach(originalInstanceUids::add);
        assertThat(originalInstanceUids).hasSizeGreaterThan(4);
        for (JsonNode e : elements) {
            if (e.get("vr").asText().equals("UI") && !e.get("keyword").asText().equals("ImplementationClassUID")) {
                assertThat(e.get("value").asText()).as(e.get("keyword").asText())
                        .matches("2\\.25\\.[0-9]+|1\\.2\\.840\\.10008\\..*");
            }
        }
        // the raw bytes hold none of the identifying texts, UIDs or dates
        String raw = new String(Files.readAllBytes(copy), StandardCharsets.ISO_8859_1);
        for (String s : List.of("CompressedSamples", "1CT1", "JFK IMAGING", "Smith", "Jones", "Tech^Tim", "Doe^Jane",
                "A20040119001", "S7788", "19610703", "555-0100", "Springfield", "SPRINGFIELD", "SN-998877", "RP-1234",
                "GEMS", "ACME", "20040119", "19970430", "ISOVUE", "CT01_OC0", "anxious", "12 March")) {
            assertThat(raw).as(s).doesNotContain(s);
        }
        for (String uid : originalInstanceUids) {
            assertThat(raw).as(uid).doesNotContain(uid);
        }
        // a truthful method: the Basic Profile and the Modified Dates option, nothing PixelMed claimed otherwise
        assertThat(elements).filteredOn(e -> e.get("path").asText().startsWith("00120064/")
                && e.get("keyword").asText().equals("CodeValue")).extracting(e -> e.get("value").asText())
                .containsExactly("113100", "113107");
        assertThat(after.get("DeidentificationMethod")).contains("Modified Dates").doesNotContain("retained");
        // and dcmdump reads it
        assertThat(ExternalTools.dcmdump(copy)).contains("MODIFIED");
    }

    @Test
    void datesShiftByThePatientsShiftAndDateTimesKeepTheirTimeAndOffsetWithoutAnInventedOne() throws Exception {
        Path original = DicomSamples.enrichedCt(dir.resolve("in"));
        Path copy = copy(original, dir.resolve("out"));
        JsonNode both = ExternalTools.pydicom(List.of(original, copy));
        Map<String, String> before = values(both.get(0));
        Map<String, String> after = values(both.get(1));
        for (String date : List.of("StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate", "InstanceCreationDate")) {
            assertThat(after.get(date)).as(date).isEqualTo(shift(before.get(date), SHIFT));
        }
        for (String time : List.of("StudyTime", "SeriesTime", "AcquisitionTime", "ContentTime")) {
            assertThat(after.get(time)).as(time).isEqualTo(before.get(time));
        }
        assertThat(after.get("AcquisitionDateTime")).isEqualTo(shift("20040119", SHIFT) + "072730");
        assertThat(after.get("FrameAcquisitionDateTime")).isEqualTo(shift("20040119", SHIFT) + "072730.123456-0500");
        assertThat(list(both.get(1))).filteredOn(e -> e.get("vr").asText().equals("DT"))
                .allSatisfy(e -> assertThat(e.get("value").asText()).doesNotContain("+0000"));
        // the birth date is emptied, not shifted
        assertThat(after.get("PatientBirthDate")).isEmpty();
    }

    @Test
    void oneShiftForAllStudiesOfAPatientAndReferencesStayConsistent() throws Exception {
        Path patient = DicomSamples.file("patient-98890234");
        List<Path> originals;
        try (Stream<Path> s = Files.walk(patient)) {
            originals = s.filter(Files::isRegularFile).sorted().toList();
        }
        int shift = pseudonymiser.dateShiftDays("98890234", 730);
        String p = pseudonymiser.patientPseudonym("98890234");
        List<Path> copies = new ArrayList<>();
        for (Path o : originals) {
            copies.add(deidentifier.deidentify(o, dir.resolve("out"), p, shift).file());
        }
        JsonNode before = ExternalTools.pydicom(originals);
        JsonNode after = ExternalTools.pydicom(copies);
        Map<String, String> seriesMap = new HashMap<>();
        Map<String, String> frameMap = new HashMap<>();
        Set<String> studies = new java.util.HashSet<>();
        for (int i = 0; i < originals.size(); i++) {
            Map<String, String> o = values(before.get(i));
            Map<String, String> c = values(after.get(i));
            assertThat(c.get("StudyDate")).isEqualTo(shift(o.get("StudyDate"), shift));
            assertThat(c.get("PatientID")).isEqualTo(p);
            studies.add(o.get("StudyInstanceUID"));
            // the same original UID always becomes the same replacement
            assertThat(seriesMap.merge(o.get("SeriesInstanceUID"), c.get("SeriesInstanceUID"), (a, b) -> a))
                    .isEqualTo(c.get("SeriesInstanceUID"));
            if (o.containsKey("FrameOfReferenceUID")) {
                assertThat(frameMap.merge(o.get("FrameOfReferenceUID"), c.get("FrameOfReferenceUID"), (a, b) -> a))
                        .isEqualTo(c.get("FrameOfReferenceUID"));
            }
            assertThat(c.get("SOPInstanceUID")).isEqualTo(pseudonymiser.replacementUid(o.get("SOPInstanceUID")));
            assertThat(values(after.get(i)).get("MediaStorageSOPInstanceUID")).isEqualTo(c.get("SOPInstanceUID"));
        }
        assertThat(studies).hasSizeGreaterThan(1);
        assertThat(shift).isBetween(-730, -1);
    }

    @Test
    void copiesAreStableAcrossRunsAndDifferForAnotherKey() throws Exception {
        Path in = DicomSamples.file("ct/CT_small.dcm");
        Path first = copy(in, dir.resolve("run1"));
        Path second = copy(in, dir.resolve("run2"));
        assertThat(dir.resolve("run1").relativize(first)).isEqualTo(dir.resolve("run2").relativize(second));
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));

        Pseudonymiser other = new Pseudonymiser(Sites.key(8));
        Path third = new DicomDeidentifier(other::replacementUid).deidentify(in, dir.resolve("run3"), pseudonym, SHIFT)
                .file();
        Map<String, String> a = values(ExternalTools.pydicom(List.of(first)).get(0));
        Map<String, String> b = values(ExternalTools.pydicom(List.of(third)).get(0));
        for (String uid : List.of("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID")) {
            assertThat(b.get(uid)).as(uid).isNotEqualTo(a.get(uid)).startsWith("2.25.");
        }
    }

    @Test
    void unreadableFilesSayWhy() throws Exception {
        assertThatThrownBy(() -> DicomFiles.readHeader(DicomSamples.file("unreadable/SC_rgb_jpeg.dcm")))
                .isInstanceOf(DicomReadException.class).hasMessageContaining("not readable as DICOM");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "Patient list, do not share\n");
        assertThatThrownBy(() -> DicomFiles.readHeader(text)).isInstanceOf(DicomReadException.class);
        assertThatThrownBy(() -> copy(text, dir.resolve("out"))).isInstanceOf(DicomReadException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void dateValuesAreShiftedExactly() {
        assertThat(DicomDeidentifier.shiftDate("20040301", -1)).isEqualTo("20040229");
        assertThat(DicomDeidentifier.shiftDate("1997.04.24", 10)).isEqualTo("19970504");
        assertThat(DicomDeidentifier.shiftDate("20040101-20040201", -1)).isEqualTo("20031231-20040131");
        assertThat(DicomDeidentifier.shiftDate("2004", -1)).isNull();
        assertThat(DicomDeidentifier.shiftDate("20041332", -1)).isNull();
        assertThat(DicomDeidentifier.shiftDateTime("20040101120000+0100", -1)).isEqualTo("20031231120000+0100");
        assertThat(DicomDeidentifier.shiftDateTime("20040101", -1)).isEqualTo("20031231");
        assertThat(DicomDeidentifier.shiftDateTime("200401", -1)).isNull();
    }

    private static String shift(String yyyymmdd, int days) {
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        return LocalDate.parse(yyyymmdd, f).plusDays(days).format(f);
    }

    /** Top-level and meta elements by keyword (first occurrence). */
    static Map<String, String> values(JsonNode file) {
        Map<String, String> m = new HashMap<>();
        for (JsonNode e : file.get("elements")) {
            if (!e.get("path").asText().contains("/")) {
                m.putIfAbsent(e.get("keyword").asText(), e.has("value") ? e.get("value").asText() : "<sequence>");
            }
        }
        return m;
    }

    static List<JsonNode> list(JsonNode file) {
        List<JsonNode> l = new ArrayList<>();
        file.get("elements").forEach(l::add);
        return l;
    }
}
