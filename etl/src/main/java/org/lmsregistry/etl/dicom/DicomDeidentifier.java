package org.lmsregistry.etl.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Makes de-identified copies of DICOM files per DICOM PS3.15 Annex E: the Basic Application Level
 * Confidentiality Profile with the Retain Longitudinal Temporal Information with Modified Dates
 * Option. PixelMed removes and empties the profile's attributes; this class closes the gaps that
 * matter for a registry:
 * <ul>
 * <li>UIDs are replaced by keyed ones ({@code 2.25.} UIDs from the site key, given as a function), so a
 * copy made again, on another day or machine, has the same UIDs, and references between files stay
 * consistent (PixelMed's own replacement is random per run).</li>
 * <li>Dates are shifted by the caller's number of days: one shift per patient, the same for all of the
 * patient's studies (PixelMed moves each file's earliest date to a fixed epoch). Times are kept; a
 * date-time keeps its time and its UTC offset as written, and none is invented.</li>
 * <li>Patient Identity Removed, De-identification Method and its Code Sequence say what was done and
 * no more, and Longitudinal Temporal Information Modified is MODIFIED.</li>
 * <li>All private attributes are removed, in sequences too, and so are person names PixelMed left.</li>
 * </ul>
 * The pixel data is not decoded: its bytes are copied unchanged, in the file's own transfer syntax.
 */
public final class DicomDeidentifier {

    /** Source application entity title written into the copies' file meta information. */
    static final String SOURCE_AE = "LMS_ETL";

    private static final Pattern DA = Pattern.compile("(\\d{4})\\.?(\\d{2})\\.?(\\d{2})");
    private static final Pattern DT = Pattern.compile("(\\d{8})(.*)", Pattern.DOTALL);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** UI attributes holding class, transfer syntax or scheme UIDs: defined by the standard, not instances. */
    private static final Set<AttributeTag> CLASS_UID_TAGS = Set.of(TagFromName.SOPClassUID,
            TagFromName.ReferencedSOPClassUID, TagFromName.MediaStorageSOPClassUID, TagFromName.TransferSyntaxUID,
            TagFromName.ImplementationClassUID, TagFromName.ReferencedSOPClassUIDInFile,
            TagFromName.ReferencedTransferSyntaxUIDInFile, TagFromName.AffectedSOPClassUID,
            TagFromName.RequestedSOPClassUID, TagFromName.CodingSchemeUID, TagFromName.RelatedGeneralSOPClassUID,
            TagFromName.OriginalSpecializedSOPClassUID, TagFromName.PrivateInformationCreatorUID,
            TagFromName.ContextGroupExtensionCreatorUID, new AttributeTag(0x0008, 0x0118) /* Mapping Resource UID */);
    /** UIDs under the DICOM root name standard things (SOP classes, transfer syntaxes, well-known frames). */
    private static final String DICOM_ROOT = "1.2.840.10008.";
    /** Dummy person names PixelMed writes where an IOD needs a value. */
    private static final Set<String> PIXELMED_DUMMY_NAMES = new java.util.HashSet<>(List.of(
            ClinicalTrialsAttributes.replacementForVerifyingObserverName,
            ClinicalTrialsAttributes.replacementForContentCreatorName,
            ClinicalTrialsAttributes.replacementForPersonNameInStructuredContent));

    /** What was done to the copies, one LO value (at most 64 characters) each. */
    static final List<String> METHOD = List.of("PS3.15 E Basic Application Confidentiality Profile",
            "Retain Longitudinal Temporal Information Modified Dates",
            "Dates shifted by a fixed number of days per patient", "UIDs replaced by keyed 2.25 UIDs",
            "Descriptors, structured content and private data removed");

    private final UnaryOperator<String> uidMap;

    /**
     * @param uidMap the keyed replacement of an instance UID (a pure function of the UID)
     */
    public DicomDeidentifier(UnaryOperator<String> uidMap) {
        this.uidMap = Objects.requireNonNull(uidMap);
    }

    /**
     * One de-identified copy.
     *
     * @param file              where it was written
     * @param studyInstanceUid  its (replacement) Study Instance UID
     * @param sopInstanceUid    its (replacement) SOP Instance UID
     * @param transferSyntaxUid its transfer syntax (the original's)
     */
    public record Copy(Path file, String studyInstanceUid, String sopInstanceUid, String transferSyntaxUid) {
    }

    /**
     * Writes a de-identified copy of a file below {@code outRoot}, at
     * {@code <pseudonym prefix>/<study UID>/<series UID>/<SOP instance UID>.dcm} (all replacement UIDs),
     * replacing an earlier copy of the same instance.
     *
     * @param in        the original file
     * @param outRoot   the copies' root folder
     * @param pseudonym the patient's registry pseudonym: the copies' Patient ID and Patient Name
     * @param shiftDays the patient's date shift in days (negative: into the past)
     * @throws DicomReadException if the file cannot be read or the copy cannot be made
     * @throws IOException        if the copy cannot be written
     */
    public Copy deidentify(Path in, Path outRoot, String pseudonym, int shiftDays) throws DicomReadException, IOException {
        // The data set is read up to the pixel data, whose bytes are then copied over unchanged (PixelMed
        // would rewrite the padding of odd-length compressed frames). A deflated file, whose bytes are all
        // compressed together, or a file whose pixel data is not where it should be, is read whole instead.
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        long afterTag;
        try {
            afterTag = list.read(in.toFile(), TagFromName.PixelData);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            throw DicomReadException.of("not readable as DICOM", e);
        }
        String ts = DicomFiles.text(list, TagFromName.TransferSyntaxUID);
        if (ts.isEmpty()) {
            ts = TransferSyntax.ImplicitVRLittleEndian;
        }
        PixelDataElement pixels = null;
        if (!ts.equals(TransferSyntax.DeflatedExplicitVRLittleEndian) && afterTag >= 4 && afterTag < Files.size(in)) {
            TransferSyntax syntax = new TransferSyntax(ts);
            pixels = PixelDataElement.at(in, afterTag - 4, syntax.isBigEndian(), syntax.isExplicitVR()).orElse(null);
        }
        if (pixels == null) {
            list = new AttributeList();
            list.setDecompressPixelData(false);
            try {
                list.read(in.toFile());
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                throw DicomReadException.of("not readable as DICOM (whole file)", e);
            }
        }
        try {
            remapUids(list);
            ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.keep,
                    false /* keepDescriptors */, false /* keepSeriesDescriptors */, false /* keepProtocolName */,
                    false /* keepPatientCharacteristics */, false /* keepDeviceIdentity */,
                    false /* keepInstitutionIdentity */, ClinicalTrialsAttributes.HandleDates.keep, null, null,
                    ClinicalTrialsAttributes.HandleStructuredContent.remove);
            removePrivateAndNames(list, true);
            list.removeGroupLengthAttributes();
            list.removeMetaInformationHeaderAttributes();
            removeAfterPixelData(list);
            shiftDates(list, shiftDays);
            identify(list, pseudonym);
            FileMetaInformation.addFileMetaInformation(list, ts, SOURCE_AE);
        } catch (DicomException | RuntimeException e) {
            throw DicomReadException.of("cannot de-identify", e);
        }
        String study = DicomFiles.text(list, TagFromName.StudyInstanceUID);
        String series = DicomFiles.text(list, TagFromName.SeriesInstanceUID);
        String sop = DicomFiles.text(list, TagFromName.SOPInstanceUID);
        if (study.isEmpty() || series.isEmpty() || sop.isEmpty()) {
            throw new DicomReadException("no Study, Series or SOP Instance UID; not copied");
        }
        Path dir = outRoot.resolve(pseudonym.substring(0, 16)).resolve(study).resolve(series);
        Files.createDirectories(dir);
        Path target = dir.resolve(sop + ".dcm");
        Path tmp = Files.createTempFile(dir, ".copy", ".tmp");
        try {
            list.write(tmp.toFile(), ts, true, true);
            if (pixels != null) {
                pixels.copy(in, tmp);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (DicomException e) {
            throw DicomReadException.of("cannot write the copy", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Copy(target, study, sop, ts);
    }

    /** Elements after the pixel data (trailing padding, signatures): all removed by the Basic Profile. */
    private static void removeAfterPixelData(AttributeList list) {
        List<AttributeTag> after = new ArrayList<>();
        for (AttributeTag t : list.keySet()) {
            if (t.getGroup() > 0x7FE0) {
                after.add(t);
            }
        }
        after.forEach(list::remove);
    }

    // ------------------------------------------------------------------------------------------ UIDs

    private void remapUids(AttributeList list) throws DicomException, DicomReadException {
        for (Attribute a : new ArrayList<>(list.values())) {
            if (a instanceof SequenceAttribute seq) {
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    remapUids(seq.getItem(i).getAttributeList());
                }
            } else if (ValueRepresentation.isUniqueIdentifierVR(a.getVR()) && !CLASS_UID_TAGS.contains(a.getTag())
                    && !a.getTag().isFileMetaInformationGroup()) {
                String[] values = a.getStringValues();
                if (values == null || values.length == 0) {
                    continue;
                }
                a.removeValues();
                for (String v : values) {
                    String uid = v.replace("\0", "").strip();
                    if (uid.isEmpty() || uid.startsWith(DICOM_ROOT)) {
                        a.addValue(uid);
                    } else {
                        try {
                            a.addValue(uidMap.apply(uid));
                        } catch (IllegalArgumentException e) {
                            throw new DicomReadException("an attribute " + a.getTag() + " holds a malformed UID; not copied");
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------ private data, names

    private static void removePrivateAndNames(AttributeList list, boolean top) {
        List<AttributeTag> remove = new ArrayList<>();
        for (Map.Entry<AttributeTag, Attribute> e : list.entrySet()) {
            AttributeTag tag = e.getKey();
            Attribute a = e.getValue();
            if (tag.isPrivate()) {
                remove.add(tag);
            } else if (a instanceof SequenceAttribute seq) {
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    removePrivateAndNames(seq.getItem(i).getAttributeList(), false);
                }
            } else if (ValueRepresentation.isPersonNameVR(a.getVR()) && !(top && tag.equals(TagFromName.PatientName))
                    && a.getVL() > 0 && !PIXELMED_DUMMY_NAMES.contains(firstValue(a))) {
                remove.add(tag);
            }
        }
        remove.forEach(list::remove);
    }

    private static String firstValue(Attribute a) {
        try {
            String[] v = a.getStringValues();
            return v == null || v.length == 0 ? "" : v[0].strip();
        } catch (DicomException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------ dates

    /** Shifts every date (DA) and the date part of every date-time (DT), in sequences too. */
    static void shiftDates(AttributeList list, int days) throws DicomException {
        for (Attribute a : new ArrayList<>(list.values())) {
            if (a instanceof SequenceAttribute seq) {
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    shiftDates(seq.getItem(i).getAttributeList(), days);
                }
                continue;
            }
            boolean date = ValueRepresentation.isDateVR(a.getVR());
            boolean dateTime = ValueRepresentation.isDateTimeVR(a.getVR());
            if (!date && !dateTime || a.getVL() == 0) {
                continue;
            }
            String[] values = a.getStringValues();
            a.removeValues();
            boolean unreadable = false;
            List<String> shifted = new ArrayList<>();
            for (String v : values) {
                String s = date ? shiftDate(v.strip(), days) : shiftDateTime(v.strip(), days);
                if (s == null) {
                    unreadable = true;
                    break;
                }
                shifted.add(s);
            }
            if (!unreadable) {
                for (String s : shifted) {
                    a.addValue(s);
                }
            } // else: a value that cannot be shifted is not kept (the attribute stays, empty)
        }
    }

    /** YYYYMMDD (or the old YYYY.MM.DD) shifted, or a range of them; null when it is not a full date. */
    static String shiftDate(String v, int days) {
        if (v.isEmpty()) {
            return v;
        }
        int dash = v.indexOf('-');
        if (dash >= 0) {
            String from = dash == 0 ? "" : shiftDate(v.substring(0, dash), days);
            String to = dash == v.length() - 1 ? "" : shiftDate(v.substring(dash + 1), days);
            return from == null || to == null ? null : from + "-" + to;
        }
        Matcher m = DA.matcher(v);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1) + m.group(2) + m.group(3), YYYYMMDD).plusDays(days).format(YYYYMMDD);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A DT value with its date part shifted and the rest (time, fraction, UTC offset) as written. */
    static String shiftDateTime(String v, int days) {
        if (v.isEmpty()) {
            return v;
        }
        Matcher m = DT.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String date = shiftDate(m.group(1), days);
        return date == null ? null : date + m.group(2);
    }

    // ------------------------------------------------------------------------------------ identity

    private static void identify(AttributeList list, String pseudonym) throws DicomException {
        put(list, new PersonNameAttribute(TagFromName.PatientName), pseudonym);
        put(list, new LongStringAttribute(TagFromName.PatientID), pseudonym);
        put(list, new CodeStringAttribute(TagFromName.PatientIdentityRemoved), "YES");
        Attribute method = new LongStringAttribute(TagFromName.DeidentificationMethod);
        for (String m : METHOD) {
            method.addValue(m);
        }
        list.put(method);
        SequenceAttribute codes = new SequenceAttribute(TagFromName.DeidentificationMethodCodeSequence);
        codes.addItem(new CodedSequenceItem("113100", "DCM", "Basic Application Confidentiality Profile").getAttributeList());
        codes.addItem(new CodedSequenceItem("113107", "DCM",
                "Retain Longitudinal Temporal Information Modified Dates Option").getAttributeList());
        list.put(codes);
        put(list, new CodeStringAttribute(TagFromName.LongitudinalTemporalInformationModified), "MODIFIED");
    }

    private static void put(AttributeList list, Attribute a, String value) throws DicomException {
        a.addValue(value);
        list.put(a);
    }
}
