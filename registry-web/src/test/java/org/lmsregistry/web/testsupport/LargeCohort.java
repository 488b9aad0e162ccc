package org.lmsregistry.web.testsupport;

import java.util.List;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;
import org.lmsregistry.model.synthetic.SiteProfile;

/**
 * A large synthetic cohort of one site: 4,800 patients of the reference-centre profile give 101,127
 * imaging studies (exam rows) and about 154,000 records in all, valid (warnings only).
 */
public final class LargeCohort {

    public static final int PATIENTS = 4_800;
    public static final long SEED = 7L;

    private LargeCohort() {
    }

    public static RegistryBatch generate(String siteCode, int patients) {
        CohortSettings settings = new CohortSettings(SEED,
                List.of(SiteProfile.ARCHETYPES.get(0).withCode(siteCode, "Large test site " + siteCode)),
                List.of(patients), CohortSettings.DEFAULT_FIRST_DIAGNOSIS_YEAR, CohortSettings.DEFAULT_LAST_DIAGNOSIS_YEAR,
                CohortSettings.DEFAULT_DATA_CUTOFF_YEAR);
        return CohortGenerator.generate(settings);
    }
}
