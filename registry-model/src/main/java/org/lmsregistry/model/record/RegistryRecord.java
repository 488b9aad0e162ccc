package org.lmsregistry.model.record;

/** What every registry record has: a site, a patient and a natural key unique within its type. */
public sealed interface RegistryRecord permits Patient, Tumour, Biopsy, ImagingStudy, ImagingFeatures,
        RadiomicsValue, Treatment, OutcomeEvent {

    String siteCode();

    String patientPseudonym();

    /** The natural key as text: site, pseudonym and the record's own key, separated by '/'. */
    String naturalKey();
}
