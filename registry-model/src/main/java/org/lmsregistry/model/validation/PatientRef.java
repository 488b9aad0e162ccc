package org.lmsregistry.model.validation;

import java.util.Objects;

import org.lmsregistry.model.record.RegistryRecord;

/**
 * A patient's identity in the registry: site code and pseudonym. Every record of a patient carries
 * both, so records are grouped by this pair.
 */
public record PatientRef(String siteCode, String pseudonym) {

    public PatientRef {
        Objects.requireNonNull(siteCode, "siteCode");
        Objects.requireNonNull(pseudonym, "pseudonym");
    }

    /** The patient a record belongs to. */
    public static PatientRef of(RegistryRecord record) {
        return new PatientRef(record.siteCode(), record.patientPseudonym());
    }

    /** As in natural keys: {@code SITE/pseudonym}. */
    @Override
    public String toString() {
        return siteCode + "/" + pseudonym;
    }
}
