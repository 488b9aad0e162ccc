package org.lmsregistry.web.demo;

import java.util.List;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

/** The demo cohort: the model's synthetic generator with its default (fictional) site profiles. */
final class SyntheticDemoCohort {

    /**
     * The demo sites are fictional, so they get ISO 3166-1 "ZZ", a user-assigned code that no
     * country will ever have (commonly "unknown or unspecified").
     */
    static final String FICTIONAL_COUNTRY = "ZZ";

    private SyntheticDemoCohort() {
    }

    /**
     * @param sites number of sites (the generator's archetypes NORTH, SOUTH, EAST, WEST, CENTRAL first)
     * @param patients total number of patients, split evenly over the sites
     */
    static DemoCohort create(long seed, int sites, int patients) {
        CohortSettings settings = CohortSettings.ofTotal(seed, sites, patients);
        RegistryBatch records = CohortGenerator.generate(settings);
        List<DemoSite> demoSites = settings.sites().stream()
                .map(site -> new DemoSite(site.code(), site.name(), FICTIONAL_COUNTRY))
                .toList();
        return new DemoCohort(demoSites, records);
    }
}
