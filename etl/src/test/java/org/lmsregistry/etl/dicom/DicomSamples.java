package org.lmsregistry.etl.dicom;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DateTimeAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

/** The real sample files of src/test/resources/dicom (see its PROVENANCE.md), and one enriched with identifiers. */
public final class DicomSamples {

    private DicomSamples() {
    }

    /** The folder of the samples. */
    public static Path root() {
        try {
            return Path.of(DicomSamples.class.getResource("/dicom").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /**
     * CT_small.dcm with more of what the Basic Profile removes, replaces or shifts: names, numbers,
     * addresses, descriptions, a birth date and age, date-times with and without a UTC offset, a
     * reference to another instance, and private data inside a sequence.
     */
    public static Path enrichedCt(Path dir) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(file("ct/CT_small.dcm").toFile());
        lo(list, TagFromName.AccessionNumber, "A20040119001");
        lo(list, TagFromName.InstitutionAddress, "1 Hospital Road, Springfield");
        lo(list, TagFromName.InstitutionalDepartmentName, "Radiology");
        lo(list, TagFromName.ReferringPhysicianName, "Smith^John");
        lo(list, TagFromName.PerformingPhysicianName, "Jones^Mary");
        lo(list, TagFromName.OperatorsName, "Tech^Tim");
        lo(list, TagFromName.StudyDescription, "CT CHEST for Dr Smith");
        lo(list, TagFromName.SeriesDescription, "AXIAL 5mm");
        lo(list, TagFromName.ProtocolName, "CHEST ROUTINE");
        lo(list, TagFromName.StudyID, "S7788");
        lo(list, TagFromName.PatientBirthDate, "19610703");
        lo(list, TagFromName.PatientAge, "042Y");
        lo(list, TagFromName.PatientAddress, "2 Elm Street, Springfield");
        lo(list, TagFromName.PatientTelephoneNumbers, "555-0100");
        lo(list, TagFromName.OtherPatientNames, "Doe^Jane");
        lo(list, TagFromName.IssuerOfPatientID, "SPRINGFIELD-MRN");
        lo(list, TagFromName.DeviceSerialNumber, "SN-998877");
        lo(list, TagFromName.ImageComments, "patient anxious");
        lo(list, TagFromName.AdditionalPatientHistory, "seen 12 March 2004");
        { Attribute a = new DateTimeAttribute(TagFromName.AcquisitionDateTime); a.addValue("20040119072730"); list.put(a); }
        { Attribute a = new DateTimeAttribute(new AttributeTag(0x0018, 0x9074)); a.addValue("20040119072730.123456-0500"); list.put(a); }
        SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedImageSequence);
        AttributeList item = new AttributeList();
        { Attribute a = new UniqueIdentifierAttribute(TagFromName.ReferencedSOPClassUID); a.addValue("1.2.840.10008.5.1.4.1.1.2"); item.put(a); }
        { Attribute a = new UniqueIdentifierAttribute(TagFromName.ReferencedSOPInstanceUID); a.addValue("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322"); item.put(a); }
        { Attribute a = new LongStringAttribute(new AttributeTag(0x0029, 0x0010)); a.addValue("ACME 1.0"); item.put(a); }
        { Attribute a = new LongStringAttribute(new AttributeTag(0x0029, 0x1001)); a.addValue("Doe^Jane 555-0100"); item.put(a); }
        refs.addItem(item);
        list.put(refs);
        SequenceAttribute request = new SequenceAttribute(TagFromName.RequestAttributesSequence);
        AttributeList r = new AttributeList();
        lo(r, TagFromName.RequestedProcedureID, "RP-1234");
        request.addItem(r);
        list.put(request);
        list.removeMetaInformationHeaderAttributes();
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        Files.createDirectories(dir);
        Path out = dir.resolve("CT_enriched.dcm");
        list.write(out.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out;
    }

    /** A copy of a sample with another Body Part Examined (and nothing else changed). */
    public static Path withBodyPart(Path in, Path out, String bodyPart) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(in.toFile());
        lo(list, TagFromName.BodyPartExamined, bodyPart);
        String ts = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
        Files.createDirectories(out.getParent());
        list.write(out.toFile(), ts, true, true);
        return out;
    }

    private static void lo(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
