package org.lmsregistry.etl.dicom;

/**
 * What {@code etl dicom} needs from one DICOM file's header, as plain text values ("" when absent).
 *
 * @param patientId          Patient ID (0010,0020): the site's local identifier
 * @param studyInstanceUid   Study Instance UID (0020,000D)
 * @param seriesInstanceUid  Series Instance UID (0020,000E)
 * @param sopInstanceUid     SOP Instance UID (0008,0018)
 * @param sopClassUid        SOP Class UID (0008,0016)
 * @param modality           Modality (0008,0060), e.g. MR, CT, PT
 * @param bodyPartExamined   Body Part Examined (0018,0015), upper case
 * @param studyDate          Study Date (0008,0020), YYYYMMDD
 * @param seriesDate         Series Date (0008,0021)
 * @param acquisitionDate    Acquisition Date (0008,0022)
 * @param contentDate        Content Date (0008,0023)
 * @param contrast           whether Contrast/Bolus Agent (0018,0010) or its sequence (0018,0012) has a value
 * @param transferSyntaxUid  the transfer syntax the file is encoded in
 */
public record DicomHeader(String patientId, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, String modality, String bodyPartExamined, String studyDate, String seriesDate,
        String acquisitionDate, String contentDate, boolean contrast, String transferSyntaxUid) {

    /** The Media Storage Directory (DICOMDIR) SOP class: an index of files, not an image. */
    public static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";

    /** The study's date as written: study date, else series, acquisition or content date; "" if none. */
    public String bestDate() {
        for (String d : new String[] { studyDate, seriesDate, acquisitionDate, contentDate }) {
            if (!d.isEmpty()) {
                return d;
            }
        }
        return "";
    }
}
