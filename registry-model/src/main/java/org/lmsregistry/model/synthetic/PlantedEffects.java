package org.lmsregistry.model.synthetic;

import java.util.EnumMap;
import java.util.Map;

import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.SurgicalMargin;

/**
 * The effects planted in the synthetic cohort, for tests and analyses to recover. Every covariate is
 * a value stored in the registry records exactly as the model uses it (no hidden variables): the
 * tumour's FNCLCC grade derived from its components, depth, pathological largest diameter, the
 * imaging feature "peripheral enhancement", the surgical margin, whether radiotherapy was given
 * (neoadjuvant or adjuvant), the stored age. The full model and which analysis recovers which value
 * is written down in {@code docs/synthetic-data.md}. Every model is planted on the day the registry records
 * (the day a recurrence is found), so that an analysis of the records fits the model the data came from;
 * latent onsets are derived from the found days and the surveillance studies.
 *
 * <h2>1. Distant metastasis: proportional odds, logistic at every horizon</h2>
 * The day T a distant metastasis is found (days from diagnosis, day 0) has, given covariates x,
 * <pre>
 *   logit P(T &lt;= t | x) = b0 + ln[(1 - exp(-t/tau)) / (1 - exp(-H/tau))] + b'x
 * </pre>
 * with H = {@link #HORIZON_DAYS}, tau = {@link #METASTASIS_ONSET_SCALE_DAYS}, b0 =
 * {@link #METASTASIS_LOG_ODDS_INTERCEPT} and b'x = ln(OR_pe) pe + ln(OR_deep) deep + ln(OR_cm) cm +
 * ln(OR_g2) g2 + ln(OR_g3) g3. Hence "metastasis found by day H" follows exactly a logistic model with
 * intercept b0 and these coefficients, and at any other horizon h the same odds ratios hold (only the
 * intercept moves by the offset above). The estimand is the <em>conditional</em> odds ratio of a
 * logistic regression that includes all five covariates; a crude 2x2 odds ratio differs (grade and
 * size are associated with peripheral enhancement, and odds ratios are not collapsible).
 * The patients who never metastasise are those for whom P(T &lt;= infinity | x) &lt; U.
 *
 * <h2>2. Local recurrence: Weibull proportional hazards from surgery</h2>
 * The time from surgery to the day a local recurrence is found has hazard
 * h(t | x) = h0(t) exp(sum of log hazard ratios), with Weibull baseline h0 of shape
 * {@link #LOCAL_RECURRENCE_WEIBULL_SHAPE} and cumulative incidence
 * {@link #LOCAL_RECURRENCE_BASELINE_5Y} at 5 years for R0, G1, not retroperitoneal/IVC, no
 * radiotherapy.
 *
 * <h2>3. Death from the disease: Weibull proportional hazards from metastasis onset</h2>
 * Only patients with a distant metastasis die of the disease; the time from the day it is found to
 * death has a Weibull baseline of shape {@link #DISEASE_DEATH_WEIBULL_SHAPE} and median
 * {@link #DISEASE_DEATH_BASELINE_MEDIAN_DAYS} (G1, age 60), with hazard ratios for grade and age.
 * Deaths from other causes are Gompertz in age, after any metastasis found within
 * {@link #RECORDED_IN_LIFE_DAYS}.
 *
 * <h2>4. Detection by surveillance imaging</h2>
 * On the day the first recurrence is found, the next surveillance visit (unless missed) is brought forward
 * to that day; each of its studies whose body region covers a lesion found that day detects it with the
 * modality's sensitivity, independently. What no study detects is found clinically the same day. A study
 * that detects nothing reports a false-positive or equivocal finding (never confirmed) with
 * {@link #falsePositiveProbability}. True detections are always confirmed. The latent onset lies after the
 * last earlier visit that imaged the lesion's place, so no study ever misses a present lesion except on
 * the day it is found: the per-study sensitivity against latent onset is the planted one.
 */
public final class PlantedEffects {

    private PlantedEffects() {
    }

    // ---------------------------------------------------------------- 1. distant metastasis

    /** The horizon of the planted logistic model: 3 years (1095 days) from diagnosis. */
    public static final int HORIZON_DAYS = 1095;

    /** Log-odds of metastasis by {@link #HORIZON_DAYS} for no peripheral enhancement, superficial, 0 cm, G1. */
    public static final double METASTASIS_LOG_ODDS_INTERCEPT = -3.0;

    /** Conditional odds ratio of metastasis (any horizon) for peripheral enhancement on imaging. */
    public static final double PERIPHERAL_ENHANCEMENT_OR_METASTASIS = 3.0;

    /** Conditional odds ratio of metastasis for a deep versus a superficial tumour. */
    public static final double DEEP_OR_METASTASIS = 2.0;

    /** Conditional odds ratio of metastasis per cm of the pathological largest diameter (mm / 10). */
    public static final double SIZE_PER_CM_OR_METASTASIS = 1.05;

    /** Conditional odds ratio of metastasis for grade 2 versus grade 1. */
    public static final double G2_OR_METASTASIS = 2.0;

    /** Conditional odds ratio of metastasis for grade 3 versus grade 1. */
    public static final double G3_OR_METASTASIS = 4.0;

    /**
     * A metastasis found within this many days of diagnosis (5 years, the longest documented horizon) is
     * found in life: death from another cause is drawn given that it comes later.
     */
    public static final int RECORDED_IN_LIFE_DAYS = 1826;

    /** Time scale tau of the metastasis onset offset function, in days. */
    public static final double METASTASIS_ONSET_SCALE_DAYS = 600.0;

    // ---------------------------------------------------------------- 2. local recurrence

    /**
     * No recurrence is found in the first 60 days after surgery: a metastasis present earlier is found on that
     * day, and the local recurrence model counts time from it. Every adjuvant radiotherapy starts by day 56, so
     * the radiotherapy the analyses see (given before the first recurrence) is always the planned one.
     */
    public static final int FIRST_FINDING_AFTER_SURGERY_DAYS = 60;

    /** Weibull shape of the local recurrence hazard (below 1: the hazard falls with time). */
    public static final double LOCAL_RECURRENCE_WEIBULL_SHAPE = 0.8;

    /**
     * Cumulative incidence of local recurrence at 5 years (1826 days) after the first assessment
     * ({@link #FIRST_FINDING_AFTER_SURGERY_DAYS} after surgery), reference covariates.
     */
    public static final double LOCAL_RECURRENCE_BASELINE_5Y = 0.05;

    /** Weibull scale (days) implied by the shape and the 5-year baseline incidence. */
    public static final double LOCAL_RECURRENCE_WEIBULL_SCALE_DAYS = 1826.0
            / StrictMath.pow(-StrictMath.log(1 - LOCAL_RECURRENCE_BASELINE_5Y), 1 / LOCAL_RECURRENCE_WEIBULL_SHAPE);

    /** Hazard ratio of local recurrence for an R1 versus an R0 resection. */
    public static final double R1_HR_LOCAL_RECURRENCE = 2.0;

    /** Hazard ratio of local recurrence for an R2 versus an R0 resection. */
    public static final double R2_HR_LOCAL_RECURRENCE = 4.0;

    /** Hazard ratio of local recurrence for grade 2 versus grade 1. */
    public static final double G2_HR_LOCAL_RECURRENCE = 1.5;

    /** Hazard ratio of local recurrence for grade 3 versus grade 1. */
    public static final double G3_HR_LOCAL_RECURRENCE = 2.5;

    /** Hazard ratio of local recurrence for a retroperitoneal or vascular/IVC primary versus any other. */
    public static final double RETROPERITONEAL_HR_LOCAL_RECURRENCE = 3.0;

    /** Hazard ratio of local recurrence for radiotherapy (neoadjuvant or adjuvant) versus none. */
    public static final double RADIOTHERAPY_HR_LOCAL_RECURRENCE = 0.6;

    // ---------------------------------------------------------------- 3. death from the disease

    /** Weibull shape of the hazard of death from the disease after metastasis onset. */
    public static final double DISEASE_DEATH_WEIBULL_SHAPE = 1.3;

    /** Median time from metastasis onset to death from the disease for G1 at age 60, in days (4 years). */
    public static final double DISEASE_DEATH_BASELINE_MEDIAN_DAYS = 1461.0;

    /** Weibull scale (days) implied by the shape and the baseline median. */
    public static final double DISEASE_DEATH_WEIBULL_SCALE_DAYS = DISEASE_DEATH_BASELINE_MEDIAN_DAYS
            / StrictMath.pow(StrictMath.log(2), 1 / DISEASE_DEATH_WEIBULL_SHAPE);

    /** Hazard ratio of death from the disease (after metastasis onset) for grade 2 versus grade 1. */
    public static final double G2_HR_DISEASE_DEATH = 1.5;

    /** Hazard ratio of death from the disease (after metastasis onset) for grade 3 versus grade 1. */
    public static final double G3_HR_DISEASE_DEATH = 2.5;

    /** Hazard ratio of death from the disease per 10 years of (stored) age at diagnosis. */
    public static final double AGE_PER_10Y_HR_DISEASE_DEATH = 1.25;

    /** The age at which the disease-death baseline is stated. */
    public static final int DISEASE_DEATH_REFERENCE_AGE = 60;

    // ---------------------------------------------------------------- 4. detection

    /** Sensitivity of primary-site MRI for a present local recurrence. */
    public static final double MRI_LOCAL_SENSITIVITY = 0.90;
    /** Sensitivity of CT (of the primary site or abdomen/pelvis for abdominal primaries) for local recurrence. */
    public static final double CT_LOCAL_SENSITIVITY = 0.80;
    /** Sensitivity of ultrasound of the primary site for local recurrence. */
    public static final double US_LOCAL_SENSITIVITY = 0.65;
    /** Sensitivity of whole-body PET-CT for local recurrence. */
    public static final double PET_CT_LOCAL_SENSITIVITY = 0.85;

    /** Sensitivity of chest CT for lung metastases. */
    public static final double CT_LUNG_SENSITIVITY = 0.95;
    /** Sensitivity of chest X-ray for lung metastases. */
    public static final double XRAY_LUNG_SENSITIVITY = 0.60;
    /** Sensitivity of PET-CT for lung metastases. */
    public static final double PET_CT_LUNG_SENSITIVITY = 0.85;

    private static final Map<Modality, Double> LOCAL = new EnumMap<>(Map.of(
            Modality.MRI, MRI_LOCAL_SENSITIVITY,
            Modality.CT, CT_LOCAL_SENSITIVITY,
            Modality.US, US_LOCAL_SENSITIVITY,
            Modality.PET_CT, PET_CT_LOCAL_SENSITIVITY,
            Modality.XRAY, 0.0));

    private static final Map<Modality, Map<FindingLocation, Double>> DISTANT = new EnumMap<>(Modality.class);

    static {
        DISTANT.put(Modality.CT, distant(CT_LUNG_SENSITIVITY, 0.85, 0.65, 0.60, 0.45, 0.75));
        DISTANT.put(Modality.XRAY, distant(XRAY_LUNG_SENSITIVITY, 0.0, 0.35, 0.0, 0.0, 0.0));
        DISTANT.put(Modality.MRI, distant(0.30, 0.92, 0.90, 0.85, 0.60, 0.70));
        DISTANT.put(Modality.US, distant(0.0, 0.65, 0.0, 0.60, 0.40, 0.50));
        DISTANT.put(Modality.PET_CT, distant(PET_CT_LUNG_SENSITIVITY, 0.80, 0.92, 0.88, 0.65, 0.85));
    }

    private static Map<FindingLocation, Double> distant(double lung, double liver, double bone, double softTissue,
            double peritoneum, double lymphNode) {
        Map<FindingLocation, Double> m = new EnumMap<>(FindingLocation.class);
        m.put(FindingLocation.LUNG, lung);
        m.put(FindingLocation.LIVER, liver);
        m.put(FindingLocation.BONE, bone);
        m.put(FindingLocation.SOFT_TISSUE, softTissue);
        m.put(FindingLocation.PERITONEUM, peritoneum);
        m.put(FindingLocation.LYMPH_NODE, lymphNode);
        m.put(FindingLocation.OTHER, 0.5 * (liver + bone));
        return m;
    }

    private static final Map<Modality, Double> FALSE_POSITIVE = new EnumMap<>(Map.of(
            Modality.MRI, 0.02,
            Modality.CT, 0.03,
            Modality.XRAY, 0.02,
            Modality.US, 0.03,
            Modality.PET_CT, 0.05));

    // ---------------------------------------------------------------- model functions

    /** The linear predictor b0 + b'x of the metastasis model at the horizon {@link #HORIZON_DAYS}. */
    public static double metastasisLogOdds(boolean peripheralEnhancement, boolean deep, int diameterMm,
            FnclccGrade grade) {
        return METASTASIS_LOG_ODDS_INTERCEPT
                + (peripheralEnhancement ? StrictMath.log(PERIPHERAL_ENHANCEMENT_OR_METASTASIS) : 0)
                + (deep ? StrictMath.log(DEEP_OR_METASTASIS) : 0)
                + StrictMath.log(SIZE_PER_CM_OR_METASTASIS) * (diameterMm / 10.0)
                + (grade == FnclccGrade.G2 ? StrictMath.log(G2_OR_METASTASIS) : 0)
                + (grade == FnclccGrade.G3 ? StrictMath.log(G3_OR_METASTASIS) : 0);
    }

    /**
     * The offset added to the horizon log-odds for another horizon h (days):
     * ln[(1 - exp(-h/tau)) / (1 - exp(-H/tau))]; 0 at H, negative infinity at 0.
     */
    public static double metastasisHorizonOffset(double horizonDays) {
        double tau = METASTASIS_ONSET_SCALE_DAYS;
        return StrictMath.log(-StrictMath.expm1(-horizonDays / tau))
                - StrictMath.log(-StrictMath.expm1(-HORIZON_DAYS / tau));
    }

    /** P(metastasis onset by day h | covariates) under the planted model. */
    public static double metastasisProbability(double logOddsAtHorizon, double horizonDays) {
        return expit(logOddsAtHorizon + metastasisHorizonOffset(horizonDays));
    }

    /**
     * Inverts the planted distribution function: the day found (from diagnosis, as a real number) for a
     * uniform u in [0, 1), or {@link Double#POSITIVE_INFINITY} when the patient never metastasises.
     */
    public static double metastasisOnsetDays(double logOddsAtHorizon, double u) {
        double tau = METASTASIS_ONSET_SCALE_DAYS;
        // (1 - exp(-t/tau)) = (1 - exp(-H/tau)) * exp(logit(u) - eta_H)
        double r = -StrictMath.expm1(-HORIZON_DAYS / tau)
                * StrictMath.exp(StrictMath.log(u) - StrictMath.log1p(-u) - logOddsAtHorizon);
        if (!(r < 1.0)) {
            return Double.POSITIVE_INFINITY;
        }
        return -tau * StrictMath.log1p(-r);
    }

    /** The log hazard ratio of local recurrence for a patient's covariates (0 for the reference). */
    public static double localRecurrenceLogHazardRatio(SurgicalMargin margin, FnclccGrade grade,
            PrimaryLocation location, boolean radiotherapy) {
        return (margin == SurgicalMargin.R1 ? StrictMath.log(R1_HR_LOCAL_RECURRENCE) : 0)
                + (margin == SurgicalMargin.R2 ? StrictMath.log(R2_HR_LOCAL_RECURRENCE) : 0)
                + (grade == FnclccGrade.G2 ? StrictMath.log(G2_HR_LOCAL_RECURRENCE) : 0)
                + (grade == FnclccGrade.G3 ? StrictMath.log(G3_HR_LOCAL_RECURRENCE) : 0)
                + (location == PrimaryLocation.RETROPERITONEUM || location == PrimaryLocation.VASCULAR_IVC
                        ? StrictMath.log(RETROPERITONEAL_HR_LOCAL_RECURRENCE) : 0)
                + (radiotherapy ? StrictMath.log(RADIOTHERAPY_HR_LOCAL_RECURRENCE) : 0);
    }

    /**
     * The baseline cumulative hazard of local recurrence t days after the first assessment
     * ({@link #FIRST_FINDING_AFTER_SURGERY_DAYS} after surgery): (t / scale)^shape.
     */
    public static double localRecurrenceBaselineCumulativeHazard(double days) {
        return StrictMath.pow(days / LOCAL_RECURRENCE_WEIBULL_SCALE_DAYS, LOCAL_RECURRENCE_WEIBULL_SHAPE);
    }

    /** The log hazard ratio of death from the disease after metastasis onset. */
    public static double diseaseDeathLogHazardRatio(FnclccGrade grade, int ageAtDiagnosis) {
        return (grade == FnclccGrade.G2 ? StrictMath.log(G2_HR_DISEASE_DEATH) : 0)
                + (grade == FnclccGrade.G3 ? StrictMath.log(G3_HR_DISEASE_DEATH) : 0)
                + StrictMath.log(AGE_PER_10Y_HR_DISEASE_DEATH) * (ageAtDiagnosis - DISEASE_DEATH_REFERENCE_AGE) / 10.0;
    }

    /** The baseline cumulative hazard of death from the disease t days after metastasis onset. */
    public static double diseaseDeathBaselineCumulativeHazard(double days) {
        return StrictMath.pow(days / DISEASE_DEATH_WEIBULL_SCALE_DAYS, DISEASE_DEATH_WEIBULL_SHAPE);
    }

    /** Inverse of a Weibull proportional-hazards survival function: time for a unit exponential draw e. */
    static double weibullTime(double scale, double shape, double logHazardRatio, double e) {
        return scale * StrictMath.pow(e * StrictMath.exp(-logHazardRatio), 1 / shape);
    }

    /** Sensitivity of one study of the modality for a present local recurrence in the region it covers. */
    public static double localSensitivity(Modality modality) {
        return LOCAL.get(modality);
    }

    /** Sensitivity of one study of the modality for a metastasis at the location, when its region covers it. */
    public static double distantSensitivity(Modality modality, FindingLocation location) {
        return DISTANT.get(modality).get(location);
    }

    /** Probability that a study that detects nothing reports a (never confirmed) false-positive or equivocal finding. */
    public static double falsePositiveProbability(Modality modality) {
        return FALSE_POSITIVE.get(modality);
    }

    /** Whether a study of the region images the primary tumour bed. */
    public static boolean coversLocal(BodyRegion region, PrimaryLocation primary) {
        return switch (region) {
            case PRIMARY_SITE, WHOLE_BODY -> true;
            case ABDOMEN_PELVIS -> SurveillanceSchedule.primarySiteRegion(primary) == BodyRegion.ABDOMEN_PELVIS;
            case CHEST -> false;
        };
    }

    /** Whether a study of the region images a metastasis at the location. */
    public static boolean coversDistant(BodyRegion region, FindingLocation location) {
        return switch (region) {
            case WHOLE_BODY -> true;
            case CHEST -> location == FindingLocation.LUNG;
            case ABDOMEN_PELVIS -> location == FindingLocation.LIVER || location == FindingLocation.PERITONEUM
                    || location == FindingLocation.LYMPH_NODE || location == FindingLocation.BONE
                    || location == FindingLocation.SOFT_TISSUE;
            case PRIMARY_SITE -> false;
        };
    }

    static double expit(double x) {
        return 1 / (1 + StrictMath.exp(-x));
    }
}
