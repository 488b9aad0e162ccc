package org.lmsregistry.model.synthetic;

/**
 * One generated patient: where it sits in the cohort, its registry records and its latent history.
 *
 * @param siteIndex    0-based position of the site in the settings
 * @param patientIndex 0-based index of the patient at the site
 * @param records      the registry records
 * @param truth        the latent history behind them
 */
public record SyntheticPatient(int siteIndex, int patientIndex, PatientRecords records, LatentHistory truth) {
}
