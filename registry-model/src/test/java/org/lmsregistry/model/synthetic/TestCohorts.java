package org.lmsregistry.model.synthetic;

import java.util.List;

/** Cohorts shared by the tests of this package (generated once per test JVM). */
final class TestCohorts {

    /** Seed of the large shared cohort. */
    static final long SEED = 20240611L;
    /** Patients per site of the large shared cohort (5 default sites: 20,000 patients). */
    static final int PER_SITE = 4000;

    private static List<SyntheticPatient> large;

    private TestCohorts() {
    }

    static CohortSettings largeSettings() {
        return CohortSettings.defaults(SEED, 5, PER_SITE);
    }

    /** 20,000 patients of the five default sites, with their latent histories. */
    static synchronized List<SyntheticPatient> large() {
        if (large == null) {
            // in parallel: patients are independent, and an ordered stream keeps the global order
            large = new CohortGenerator(largeSettings()).patients().parallel().toList();
        }
        return large;
    }
}
