package org.lmsregistry.model.validation;

import java.util.Set;

import org.lmsregistry.model.record.RegistryBatch;

/**
 * The records the registry already holds, so that an upload can be validated against them (a study
 * uploaded today for a patient enrolled last year, a death uploaded after the surveillance studies).
 * The server implements it with one query per record type for the whole set of patients.
 *
 * <p>Semantics the validator assumes: a batch record whose natural key is already stored replaces
 * the stored record (an upsert); a stored record that no batch record replaces stays as it is.
 */
@FunctionalInterface
public interface StoredRecords {

    /**
     * The stored records of some patients.
     *
     * @param patients the patients that records of the batch refer to
     * @return every stored patient, tumour, biopsy, imaging study, treatment and outcome event of those
     *         patients (imaging features and radiomics values are not needed and may be left out);
     *         records of other patients are ignored
     */
    RegistryBatch recordsOf(Set<PatientRef> patients);

    /** Nothing stored: the batch is validated on its own. */
    StoredRecords NONE = patients -> RegistryBatch.empty();

    /** Nothing stored: the batch is validated on its own. */
    static StoredRecords none() {
        return NONE;
    }

    /** A fixed set of records, e.g. for tests or a site-side check against a previous export. */
    static StoredRecords of(RegistryBatch stored) {
        return patients -> stored;
    }
}
