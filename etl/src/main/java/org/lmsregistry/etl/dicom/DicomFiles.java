package org.lmsregistry.etl.dicom;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/** Reads DICOM headers with PixelMed, stopping before the pixel data. */
public final class DicomFiles {

    private DicomFiles() {
    }

    /**
     * Reads the header of one file: everything before the Pixel Data element; compressed pixel data
     * is never decoded (so a JPEG-LS or JPEG 2000 file reads as well as any other).
     *
     * @throws DicomReadException if the file is not DICOM, is truncated or malformed, or has no Study or SOP
     *                            Instance UID (then it is no image of a study, e.g. a DICOMDIR)
     */
    public static DicomHeader readHeader(Path file) throws DicomReadException {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try {
            list.read(file.toFile(), TagFromName.PixelData);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            throw DicomReadException.of("not readable as DICOM", e);
        }
        return header(list);
    }

    static DicomHeader header(AttributeList list) throws DicomReadException {
        String mediaClass = text(list, TagFromName.MediaStorageSOPClassUID);
        if (DicomHeader.DICOMDIR_CLASS.equals(mediaClass)) {
            throw new DicomReadException("a DICOMDIR (an index of files), not an image; skipped");
        }
        String study = text(list, TagFromName.StudyInstanceUID);
        String sop = text(list, TagFromName.SOPInstanceUID);
        if (study.isEmpty() || sop.isEmpty()) {
            throw new DicomReadException("no " + (study.isEmpty() ? "Study" : "SOP") + " Instance UID: not a DICOM "
                    + "image of a study (or not DICOM at all); skipped");
        }
        String ts = text(list, TagFromName.TransferSyntaxUID);
        boolean contrast = !text(list, TagFromName.ContrastBolusAgent).isEmpty();
        Attribute agentSeq = list.get(TagFromName.ContrastBolusAgentSequence);
        if (agentSeq instanceof SequenceAttribute s && s.getNumberOfItems() > 0) {
            contrast = true;
        }
        return new DicomHeader(text(list, TagFromName.PatientID), study, text(list, TagFromName.SeriesInstanceUID), sop,
                text(list, TagFromName.SOPClassUID), text(list, TagFromName.Modality).toUpperCase(Locale.ROOT),
                text(list, TagFromName.BodyPartExamined).toUpperCase(Locale.ROOT), text(list, TagFromName.StudyDate),
                text(list, TagFromName.SeriesDate), text(list, TagFromName.AcquisitionDate),
                text(list, TagFromName.ContentDate), contrast,
                ts.isEmpty() ? TransferSyntax.ImplicitVRLittleEndian : ts);
    }

    static String text(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).replace("\0", "").strip();
    }

    /**
     * For the benchmark corpus: a copy of a file with other patient, study, series and instance UIDs
     * (everything else, pixel data included, as it was).
     */
    public static void copyAs(Path in, Path out, String patientId, String studyUid, String seriesUid, String sopUid)
            throws DicomReadException {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try {
            list.read(new File(in.toString()));
            String ts = text(list, TagFromName.TransferSyntaxUID);
            set(list, TagFromName.PatientID, patientId);
            set(list, TagFromName.StudyInstanceUID, studyUid);
            set(list, TagFromName.SeriesInstanceUID, seriesUid);
            set(list, TagFromName.SOPInstanceUID, sopUid);
            list.removeMetaInformationHeaderAttributes();
            com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list,
                    ts.isEmpty() ? TransferSyntax.ExplicitVRLittleEndian : ts, "LMS_BENCH");
            list.write(out.toFile(), ts.isEmpty() ? TransferSyntax.ExplicitVRLittleEndian : ts, true, true);
        } catch (Exception e) {
            throw DicomReadException.of("cannot copy", e);
        }
    }

    private static void set(AttributeList list, AttributeTag tag, String value) throws com.pixelmed.dicom.DicomException {
        Attribute a = list.get(tag);
        if (a == null) {
            a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
            list.put(a);
        }
        a.removeValues();
        a.addValue(value);
    }
}
