package org.lmsregistry.model.synthetic;

import java.util.Set;

import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;

/**
 * What the generator knows about a patient and the registry cannot: the latent disease history and
 * the censoring times, for tests of the generator and for checking analyses against the truth. Days
 * count from diagnosis (day 0), like every registry day; {@link #NEVER} stands for an event that never
 * happens (at any time, not only within follow-up).
 *
 * @param grade                    FNCLCC grade (the same as the one derived from the tumour record)
 * @param metastasisLogOdds        the linear predictor of the planted metastasis model at the horizon
 * @param localRecurrenceLogHazardRatio the linear predictor of the planted local recurrence model
 * @param radiotherapyPlanned      whether neoadjuvant or adjuvant radiotherapy was part of the plan (it
 *                                 enters the local recurrence model even when death came first)
 * @param surgeryDay               day of the primary surgery
 * @param metastasisOnsetDay       latent onset of distant metastasis, or NEVER
 * @param metastasisLocations      the locations of that metastasis (empty when NEVER)
 * @param localRecurrenceOnsetDay  latent onset of local recurrence (after surgery), or NEVER
 * @param metastasisFoundDay       the day the metastasis is found, from the planted model (recorded when
 *                                 on or before the end of follow-up), or NEVER
 * @param localRecurrenceFoundDay  the day the local recurrence is found, from the planted model (recorded
 *                                 when on or before the end of follow-up), or NEVER
 * @param diseaseDeathDay          death from the disease (only after the metastasis is found), or NEVER
 * @param otherCauseDeathDay       death from another cause (after surgery)
 * @param administrativeEndDay     the data cut-off, as a day offset
 * @param lossToFollowUpDay        loss to follow-up (after year 5), or NEVER
 * @param endOfFollowUpDay         the last follow-up day: the minimum of deaths, cut-off and loss
 * @param surveillanceStopDay      day after which this patient has no more surveillance for the site's
 *                                 habit of stopping early, or NEVER
 */
public record LatentHistory(FnclccGrade grade, double metastasisLogOdds, double localRecurrenceLogHazardRatio,
        boolean radiotherapyPlanned, int surgeryDay, int metastasisOnsetDay, Set<FindingLocation> metastasisLocations,
        int localRecurrenceOnsetDay, int metastasisFoundDay, int localRecurrenceFoundDay, int diseaseDeathDay, int otherCauseDeathDay, int administrativeEndDay,
        int lossToFollowUpDay, int endOfFollowUpDay, int surveillanceStopDay) {

    /** The day of an event that never happens. */
    public static final int NEVER = Integer.MAX_VALUE;

    public LatentHistory {
        metastasisLocations = Set.copyOf(metastasisLocations);
    }

    /** Whether the patient died (of any cause) on or before the end of follow-up. */
    public boolean died() {
        return Math.min(diseaseDeathDay, otherCauseDeathDay) == endOfFollowUpDay;
    }

    /** Whether the latent metastasis onset is on or before the given day. */
    public boolean metastasisBy(int day) {
        return metastasisOnsetDay <= day;
    }
}
