package org.lmsregistry.etl.imaging;

import java.util.EnumSet;
import java.util.Set;

import org.lmsregistry.model.code.Modality;

/**
 * The registry modality of a study from the DICOM modalities of its series: PT with CT is PET-CT; MR,
 * CT, US and the projection radiography modalities (CR, DX) map directly; objects that are not images
 * of the patient (SR, KO, PR, SEG, REG, RTSTRUCT, OT, SC, DOC, ...) and modalities the registry does
 * not record (NM, MG, XA, PT without CT, ...) do not count.
 */
final class StudyModality {

    private StudyModality() {
    }

    /** The registry modalities of a set of DICOM modality codes. */
    static Set<Modality> of(Set<String> dicom) {
        Set<Modality> out = EnumSet.noneOf(Modality.class);
        boolean pt = dicom.contains("PT");
        for (String m : dicom) {
            switch (m) {
                case "MR" -> out.add(Modality.MRI);
                case "CT" -> out.add(pt ? Modality.PET_CT : Modality.CT);
                case "US" -> out.add(Modality.US);
                case "CR", "DX" -> out.add(Modality.XRAY);
                default -> {
                    // not a registry modality
                }
            }
        }
        return out;
    }
}
