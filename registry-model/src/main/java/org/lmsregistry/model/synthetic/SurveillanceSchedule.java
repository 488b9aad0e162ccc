package org.lmsregistry.model.synthetic;

import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;

/**
 * The surveillance schedule the generator follows (before a site's deviations), from the guideline in
 * the clinical brief. Times are days since surgery.
 *
 * <table>
 * <caption>Nominal interval between visits</caption>
 * <tr><th>grade</th><th>years 0-3</th><th>years 3-5</th><th>years 5-10</th></tr>
 * <tr><td>high (G2, G3)</td><td>91 days (3 months), primary site + chest</td>
 * <td>182 days (6 months), primary site + chest</td><td>365 days, primary site + chest</td></tr>
 * <tr><td>low (G1)</td><td>122 days (4 months), primary site; chest every 2nd visit</td>
 * <td>182 days, primary site; chest every 2nd visit</td><td>365 days, primary site + chest</td></tr>
 * </table>
 * Surveillance ends 10 years after surgery. The primary site is imaged by MRI (extremity, trunk, skin,
 * head and neck: region {@code PRIMARY_SITE}) or by CT of the abdomen and pelvis (uterine,
 * retroperitoneal, visceral, vascular and other primaries: region {@code ABDOMEN_PELVIS}); the chest
 * by CT (or chest X-ray at some sites).
 *
 * <p>The guideline's <em>maximum</em> intervals, what validation and the adherence analysis measure
 * against, are defined once, in {@link org.lmsregistry.model.validation.SurveillanceGuideline}.
 */
public final class SurveillanceSchedule {

    private SurveillanceSchedule() {
    }

    /** End of the first (intensive) phase: 3 years after surgery. */
    public static final int PHASE_1_END_DAYS = 1096;
    /** End of the second phase: 5 years after surgery. */
    public static final int PHASE_2_END_DAYS = 1826;
    /** End of surveillance: 10 years after surgery. */
    public static final int END_DAYS = 3653;

    /** The nominal interval (days) from a visit scheduled {@code daysSinceSurgery} after surgery to the next. */
    public static int nominalIntervalDays(FnclccGrade grade, int daysSinceSurgery) {
        boolean high = grade.isHighGrade();
        if (daysSinceSurgery < PHASE_1_END_DAYS) {
            return high ? 91 : 122;
        }
        if (daysSinceSurgery < PHASE_2_END_DAYS) {
            return 182;
        }
        return 365;
    }

    /**
     * Whether the chest is imaged at the {@code visitNumber}-th scheduled visit (1-based, counting
     * missed ones) scheduled {@code daysSinceSurgery} after surgery.
     */
    public static boolean chestDue(FnclccGrade grade, int daysSinceSurgery, int visitNumber) {
        if (grade.isHighGrade() || daysSinceSurgery >= PHASE_2_END_DAYS) {
            return true;
        }
        return visitNumber % 2 == 0;
    }

    /** The body region that images a primary tumour's bed. */
    public static BodyRegion primarySiteRegion(PrimaryLocation location) {
        return switch (location) {
            case EXTREMITY, TRUNK, SKIN, HEAD_AND_NECK -> BodyRegion.PRIMARY_SITE;
            case UTERUS, RETROPERITONEUM, STOMACH, SMALL_INTESTINE, COLON_RECTUM, VASCULAR_IVC, OTHER ->
                BodyRegion.ABDOMEN_PELVIS;
        };
    }
}
