package org.lmsregistry.model.synthetic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.BiopsyGuidance;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.ConfirmationMethod;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.ImagingMargin;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.Stage;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.T2Signal;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.pseudonym.SiteSecretKey;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/**
 * Generates one patient. Every parameter not planted (see {@link PlantedEffects}) is a constant of
 * this class, and every one of them is listed in {@code docs/synthetic-data.md}; change both together.
 * One instance per patient: the instance holds the patient's state while it is generated.
 */
final class PatientGenerator {

    // independent random streams of one patient (see SyntheticRandom#stream)
    private static final int DEMOGRAPHY = 1;
    private static final int TUMOUR = 2;
    private static final int CARE = 3;
    private static final int FEATURES = 4;
    private static final int RADIOMICS = 5;
    private static final int DISEASE = 6;
    private static final int SURVEILLANCE = 7;
    private static final int DETECTION = 8;
    private static final int STUDY_DETAILS = 9;
    private static final int AFTERCARE = 10;
    private static final int LATENT_ONSET = 11;

    static final int NEVER = LatentHistory.NEVER;
    private static final double DAYS_PER_YEAR = 365.25;
    /** Latent times beyond this many days are treated as never (the registry's day range ends at 36500). */
    private static final double HORIZON_OF_NEVER = 36_000;

    // ------------------------------------------------------------------ demography and tumour tables

    private static final Map<PrimaryLocation, double[]> FEMALE_AGE_MEAN_AGE_SD = new EnumMap<>(PrimaryLocation.class);
    private static final Map<PrimaryLocation, double[]> SIZE_MEDIAN_MM_SIGMA_PDEEP = new EnumMap<>(PrimaryLocation.class);
    private static final Map<PrimaryLocation, double[]> GRADE_PROBABILITIES = new EnumMap<>(PrimaryLocation.class);

    static {
        // P(female), mean age, SD of age
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.UTERUS, 1.00, 52, 10);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.RETROPERITONEUM, 0.65, 60, 12);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.EXTREMITY, 0.50, 60, 14);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.TRUNK, 0.50, 60, 14);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.STOMACH, 0.50, 60, 13);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.SMALL_INTESTINE, 0.50, 60, 13);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.COLON_RECTUM, 0.45, 60, 13);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.VASCULAR_IVC, 0.75, 56, 11);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.SKIN, 0.30, 62, 14);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.HEAD_AND_NECK, 0.45, 58, 15);
        row(FEMALE_AGE_MEAN_AGE_SD, PrimaryLocation.OTHER, 0.50, 58, 13);
        // median largest diameter (mm), SD of its logarithm, P(deep)
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.UTERUS, 90, 0.45, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.RETROPERITONEUM, 150, 0.50, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.EXTREMITY, 65, 0.55, 0.60);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.TRUNK, 55, 0.55, 0.55);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.STOMACH, 60, 0.50, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.SMALL_INTESTINE, 55, 0.50, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.COLON_RECTUM, 50, 0.50, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.VASCULAR_IVC, 70, 0.45, 1);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.SKIN, 18, 0.50, 0);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.HEAD_AND_NECK, 30, 0.50, 0.50);
        row(SIZE_MEDIAN_MM_SIGMA_PDEEP, PrimaryLocation.OTHER, 60, 0.55, 1);
        // P(G1), P(G2), P(G3)
        row(GRADE_PROBABILITIES, PrimaryLocation.UTERUS, 0.10, 0.30, 0.60);
        row(GRADE_PROBABILITIES, PrimaryLocation.RETROPERITONEUM, 0.15, 0.40, 0.45);
        row(GRADE_PROBABILITIES, PrimaryLocation.EXTREMITY, 0.20, 0.35, 0.45);
        row(GRADE_PROBABILITIES, PrimaryLocation.TRUNK, 0.20, 0.40, 0.40);
        row(GRADE_PROBABILITIES, PrimaryLocation.STOMACH, 0.20, 0.40, 0.40);
        row(GRADE_PROBABILITIES, PrimaryLocation.SMALL_INTESTINE, 0.20, 0.40, 0.40);
        row(GRADE_PROBABILITIES, PrimaryLocation.COLON_RECTUM, 0.20, 0.40, 0.40);
        row(GRADE_PROBABILITIES, PrimaryLocation.VASCULAR_IVC, 0.15, 0.40, 0.45);
        row(GRADE_PROBABILITIES, PrimaryLocation.SKIN, 0.50, 0.40, 0.10);
        row(GRADE_PROBABILITIES, PrimaryLocation.HEAD_AND_NECK, 0.25, 0.40, 0.35);
        row(GRADE_PROBABILITIES, PrimaryLocation.OTHER, 0.20, 0.40, 0.40);
    }

    private static void row(Map<PrimaryLocation, double[]> table, PrimaryLocation l, double... values) {
        table.put(l, values);
    }

    /** P(female | location), for tests and documentation. */
    static double femaleProbability(PrimaryLocation l) {
        return FEMALE_AGE_MEAN_AGE_SD.get(l)[0];
    }

    /** Mean age at diagnosis (before flooring and the cap at 90) given the location. */
    static double meanAge(PrimaryLocation l) {
        return FEMALE_AGE_MEAN_AGE_SD.get(l)[1];
    }

    /** P(deep | location). */
    static double deepProbability(PrimaryLocation l) {
        return SIZE_MEDIAN_MM_SIGMA_PDEEP.get(l)[2];
    }

    /** P(G1), P(G2), P(G3) given the location. */
    static double[] gradeProbabilities(PrimaryLocation l) {
        return GRADE_PROBABILITIES.get(l).clone();
    }

    /** Depth changes the size of tumours whose depth varies: deep x1.25, superficial x0.6. */
    private static final double DEEP_SIZE_FACTOR = 1.25;
    private static final double SUPERFICIAL_SIZE_FACTOR = 0.6;

    /**
     * FNCLCC component proposals per grade (rejection sampling until the derived grade matches):
     * differentiation weights for scores 1, 2, 3; median of the Poisson mean of mitoses per 10 HPF and
     * the SD of its logarithm; necrosis weights none, below 50%, 50% or more.
     */
    private static final double[][] DIFFERENTIATION = {{0.55, 0.45, 0}, {0.10, 0.65, 0.25}, {0, 0.45, 0.55}};
    private static final double[] MITOSES_MEDIAN = {4, 14, 32};
    private static final double MITOSES_LOG_SD = 0.55;
    private static final double[][] NECROSIS = {{0.80, 0.20, 0}, {0.35, 0.50, 0.15}, {0.10, 0.45, 0.45}};

    private static final String[] HISTOLOGY_NOTES = {
            "Fascicles of spindle cells with eosinophilic cytoplasm and blunt-ended nuclei; desmin and SMA positive.",
            "Atypical smooth muscle cells in intersecting fascicles; h-caldesmon positive.",
            "Pleomorphic areas with atypical mitoses and coagulative tumour necrosis.",
            "Epithelioid morphology in part; smooth muscle markers positive.",
            "Myxoid change in part; desmin and h-caldesmon positive."};
    private static final String LOW_GRADE_NOTE = "Well differentiated smooth muscle neoplasm with focal nuclear atypia.";
    private static final double HISTOLOGY_NOTE_PROBABILITY = 0.4;

    // ------------------------------------------------------------------ care

    private final CohortSettings settings;
    private final SiteProfile site;
    private final Pseudonymiser pseudonymiser;
    private final int siteIndex;
    private final int patientIndex;
    private final long key;

    // state
    private String pseudonym;
    private Sex sex;
    private int age;
    private int diagnosisYear;
    private double dayInYear;
    private PrimaryLocation location;
    private BodyRegion localRegion;
    private TumourDepth depth;
    private int diameterMm;
    private FnclccGrade grade;
    private int differentiation;
    private int mitoses;
    private TumourNecrosis necrosis;
    private Tumour tumour;
    private boolean mriAccess;
    private int surgeryDay;
    private SurgicalMargin margin;
    private boolean radiotherapyPlanned;
    private StudyDraft featureStudy;
    private ImagingFeaturesDraft features;
    private final List<StudyDraft> studies = new ArrayList<>();
    private final List<BiopsyDraft> biopsies = new ArrayList<>();
    private final List<TreatmentDraft> treatments = new ArrayList<>();
    private final List<EventDraft> events = new ArrayList<>();
    private final List<Radiomic> radiomics = new ArrayList<>();

    PatientGenerator(CohortSettings settings, Pseudonymiser pseudonymiser, int siteIndex, int patientIndex) {
        this.settings = settings;
        this.site = settings.sites().get(siteIndex);
        this.pseudonymiser = pseudonymiser;
        this.siteIndex = siteIndex;
        this.patientIndex = patientIndex;
        this.key = SyntheticRandom.patientKey(settings.seed(), siteIndex, patientIndex);
    }

    /**
     * The synthetic site's secret key: SHA-256 of the cohort seed and the site code (a real site's key
     * is random and never leaves it; a synthetic one must be reproducible).
     */
    static SiteSecretKey siteKey(long seed, String siteCode) {
        try {
            return SiteSecretKey.ofBytes(MessageDigest.getInstance("SHA-256").digest(
                    ("lms-registry synthetic site key|" + seed + "|" + siteCode).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private SyntheticRandom stream(int purpose) {
        return SyntheticRandom.stream(key, purpose);
    }

    SyntheticPatient generate() {
        demography();
        tumour();
        primaryCare();
        imagingFeatures();
        radiomicsValues();
        LatentHistory truth = diseaseAndFollowUp();
        return new SyntheticPatient(siteIndex, patientIndex, build(truth), truth);
    }

    // ------------------------------------------------------------------ demography

    private void demography() {
        SyntheticRandom r = stream(DEMOGRAPHY);
        // the local identifier the site would hold; only its keyed hash leaves the (synthetic) site
        pseudonym = pseudonymiser.patientPseudonym(String.format(Locale.ROOT, "MRN-%s-%09d", site.code(), patientIndex));
        location = site.caseMix().sample(r);
        localRegion = SurveillanceSchedule.primarySiteRegion(location);
        double[] fam = FEMALE_AGE_MEAN_AGE_SD.get(location);
        double pFemale = fam[0];
        double u = r.nextDouble(); // always drawn, so that the draw count does not depend on the location
        sex = u < pFemale ? Sex.FEMALE : Sex.MALE;
        double continuousAge = Math.max(18.0, Math.min(100.0, r.normal(fam[1], fam[2])));
        age = Math.min(90, (int) StrictMath.floor(continuousAge));
        diagnosisYear = r.uniformInt(settings.firstDiagnosisYear(), settings.lastDiagnosisYear());
        dayInYear = r.nextDouble();
    }

    // ------------------------------------------------------------------ tumour

    private void tumour() {
        SyntheticRandom r = stream(TUMOUR);
        double[] sizeRow = SIZE_MEDIAN_MM_SIGMA_PDEEP.get(location);
        double pDeep = sizeRow[2];
        boolean deep = r.nextDouble() < pDeep;
        depth = deep ? TumourDepth.DEEP : TumourDepth.SUPERFICIAL;
        double median = sizeRow[0];
        if (pDeep > 0 && pDeep < 1) {
            median *= deep ? DEEP_SIZE_FACTOR : SUPERFICIAL_SIZE_FACTOR;
        }
        diameterMm = (int) Math.round(Math.max(3, Math.min(450, r.logNormal(median, sizeRow[1]))));
        grade = FnclccGrade.values()[r.categorical(GRADE_PROBABILITIES.get(location))];
        components(r);
        String notes = null;
        if (r.bernoulli(HISTOLOGY_NOTE_PROBABILITY)) {
            int pick = r.uniformInt(0, HISTOLOGY_NOTES.length - 1);
            notes = grade == FnclccGrade.G1 && differentiation == 1 ? LOW_GRADE_NOTE : HISTOLOGY_NOTES[pick];
        }
        tumour = new Tumour(site.code(), pseudonym, location, depth, diameterMm, differentiation, mitoses, necrosis,
                null, stage(), notes);
    }

    /** FNCLCC components given the grade, by rejection from the grade's proposal (at most 1000 tries). */
    private void components(SyntheticRandom r) {
        int g = grade.ordinal();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int d = 1 + r.categorical(DIFFERENTIATION[g]);
            double lambda = Math.min(400, r.logNormal(MITOSES_MEDIAN[g], MITOSES_LOG_SD));
            int m = Math.min(300, r.poisson(lambda));
            TumourNecrosis n = TumourNecrosis.values()[r.categorical(NECROSIS[g])];
            if (FnclccGrade.derive(d, m, n) == grade) {
                differentiation = d;
                mitoses = m;
                necrosis = n;
                return;
            }
        }
        // never reached in practice (acceptance is above 0.4 for every grade); a valid fallback
        differentiation = 2;
        mitoses = new int[] {5, 12, 25}[g];
        necrosis = new TumourNecrosis[] {TumourNecrosis.NONE, TumourNecrosis.NONE, TumourNecrosis.LESS_THAN_HALF}[g];
    }

    /** AJCC 8th edition groups for trunk/extremity and retroperitoneum (N0 M0); FIGO I for uterus; else none. */
    private Stage stage() {
        switch (location) {
            case EXTREMITY, TRUNK, RETROPERITONEUM, VASCULAR_IVC -> {
                int t = diameterMm <= 50 ? 1 : diameterMm <= 100 ? 2 : diameterMm <= 150 ? 3 : 4;
                if (grade == FnclccGrade.G1) {
                    return t == 1 ? Stage.IA : Stage.IB;
                }
                return t == 1 ? Stage.II : t == 2 ? Stage.IIIA : Stage.IIIB;
            }
            case UTERUS -> {
                return diameterMm <= 50 ? Stage.IA : Stage.IB;
            }
            default -> {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ diagnosis and primary treatment

    private void primaryCare() {
        SyntheticRandom r = stream(CARE);
        mriAccess = r.bernoulli(site.imaging().mriAvailability());
        boolean gi = location == PrimaryLocation.STOMACH || location == PrimaryLocation.SMALL_INTESTINE
                || location == PrimaryLocation.COLON_RECTUM;
        double pAtSurgery = location == PrimaryLocation.UTERUS ? 0.6 : gi ? 0.5 : 0;
        boolean diagnosedAtSurgery = r.bernoulli(pAtSurgery);
        Modality diagnosticModality = diagnosticModality(r);
        int stagingDay;
        if (diagnosedAtSurgery) {
            // e.g. hysterectomy for a presumed fibroid: the pathology of the specimen is the diagnosis
            surgeryDay = 0;
            featureStudy = study(-r.uniformInt(14, 120), diagnosticModality, StudyPurpose.DIAGNOSIS, localRegion);
            stagingDay = r.uniformInt(10, 40);
        } else {
            featureStudy = study(-r.uniformInt(20, 70), diagnosticModality, StudyPurpose.DIAGNOSIS, localRegion);
            if (r.bernoulli(0.05)) {
                biopsy(r, -r.uniformInt(7, 14), false);
            }
            biopsy(r, 0, true);
            stagingDay = r.uniformInt(1, 21);
        }
        studies.add(new StudyDraft(stagingDay, Modality.CT, StudyPurpose.STAGING, BodyRegion.CHEST));
        // neoadjuvant radiotherapy for large deep high-grade trunk/extremity tumours and some retroperitoneal
        boolean trunkOrLimb = location == PrimaryLocation.EXTREMITY || location == PrimaryLocation.TRUNK;
        double pNeoadjuvant = diagnosedAtSurgery ? 0
                : trunkOrLimb && depth == TumourDepth.DEEP && diameterMm > 50 && grade.isHighGrade() ? 0.25
                : location == PrimaryLocation.RETROPERITONEUM ? 0.10 : 0;
        boolean neoadjuvant = r.bernoulli(pNeoadjuvant);
        if (neoadjuvant) {
            int rtStart = r.uniformInt(22, 42);
            treatments.add(new TreatmentDraft(TreatmentKind.RADIOTHERAPY, TreatmentSetting.NEOADJUVANT, rtStart, null));
            studies.add(new StudyDraft(rtStart + r.uniformInt(35, 50), diagnosticModality, StudyPurpose.RESPONSE,
                    localRegion));
            surgeryDay = rtStart + r.uniformInt(56, 84);
        } else if (!diagnosedAtSurgery) {
            surgeryDay = r.uniformInt(22, 75);
            if (r.bernoulli(0.25)) {
                studies.add(new StudyDraft(surgeryDay - r.uniformInt(3, 14), diagnosticModality,
                        StudyPurpose.PRE_OPERATIVE, localRegion));
            }
        }
        margin = SurgicalMargin.values()[r.categorical(marginProbabilities())];
        treatments.add(new TreatmentDraft(TreatmentKind.SURGERY,
                TreatmentSetting.CURATIVE, surgeryDay, margin));
        // adjuvant treatment
        boolean involved = margin != SurgicalMargin.R0;
        boolean bigDeepHigh = depth == TumourDepth.DEEP && diameterMm > 50 && grade.isHighGrade();
        double pAdjuvantRt = neoadjuvant ? 0 : switch (location) {
            case EXTREMITY, TRUNK, HEAD_AND_NECK -> involved ? 0.7 : bigDeepHigh ? 0.5 : 0.1;
            case RETROPERITONEUM, VASCULAR_IVC -> involved ? 0.3 : 0.05;
            case UTERUS -> 0.10;
            case SKIN -> involved ? 0.4 : 0.02;
            default -> 0.03;
        };
        boolean adjuvantRt = r.bernoulli(pAdjuvantRt);
        int rtDay = surgeryDay + r.uniformInt(28, 56);
        if (adjuvantRt) {
            treatments.add(new TreatmentDraft(TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, rtDay, null));
        }
        radiotherapyPlanned = neoadjuvant || adjuvantRt;
        double pChemo = grade == FnclccGrade.G3
                ? (location == PrimaryLocation.UTERUS ? 0.35 : diameterMm > 100 ? 0.25 : 0.05)
                : grade == FnclccGrade.G2 ? 0.03 : 0;
        boolean chemo = r.bernoulli(pChemo);
        int chemoDay = surgeryDay + r.uniformInt(21, 49);
        if (chemo) {
            treatments.add(new TreatmentDraft(TreatmentKind.CHEMOTHERAPY, TreatmentSetting.ADJUVANT, chemoDay, null));
        }
        double pHormonal = location != PrimaryLocation.UTERUS ? 0 : grade == FnclccGrade.G1 ? 0.30 : 0.05;
        boolean hormonal = r.bernoulli(pHormonal);
        int hormonalDay = surgeryDay + r.uniformInt(30, 90);
        if (hormonal) {
            treatments.add(new TreatmentDraft(TreatmentKind.HORMONAL, TreatmentSetting.ADJUVANT, hormonalDay, null));
        }
    }

    private StudyDraft study(int day, Modality modality, StudyPurpose purpose, BodyRegion region) {
        StudyDraft s = new StudyDraft(day, modality, purpose, region);
        studies.add(s);
        return s;
    }

    private Modality diagnosticModality(SyntheticRandom r) {
        double u = r.nextDouble();
        if (localRegion == BodyRegion.PRIMARY_SITE) {
            return mriAccess ? Modality.MRI : Modality.CT;
        }
        double pMri = location == PrimaryLocation.UTERUS ? 0.6 : 0.2;
        return mriAccess && u < pMri ? Modality.MRI : Modality.CT;
    }

    private double[] marginProbabilities() {
        return switch (location) {
            case RETROPERITONEUM, VASCULAR_IVC -> new double[] {0.55, 0.35, 0.10};
            case HEAD_AND_NECK -> new double[] {0.60, 0.35, 0.05};
            case UTERUS, STOMACH, SMALL_INTESTINE, COLON_RECTUM -> new double[] {0.85, 0.12, 0.03};
            default -> new double[] {0.80, 0.17, 0.03};
        };
    }

    private void biopsy(SyntheticRandom r, int day, boolean diagnostic) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        Integer gauge = coreNeedleGauge(r);
        BiopsyGuidance guidance;
        BiopsyApproach approach;
        switch (location) {
            case SKIN -> {
                guidance = BiopsyGuidance.NONE;
                approach = BiopsyApproach.OPEN_INCISIONAL;
                gauge = null;
            }
            case EXTREMITY, TRUNK, HEAD_AND_NECK -> {
                if (u2 < 0.05) {
                    guidance = BiopsyGuidance.NONE;
                    approach = BiopsyApproach.OPEN_INCISIONAL;
                    gauge = null;
                } else {
                    guidance = u1 < 0.85 ? BiopsyGuidance.US : u1 < 0.95 ? BiopsyGuidance.CT : BiopsyGuidance.MRI;
                    approach = BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL;
                }
            }
            case RETROPERITONEUM -> {
                guidance = u1 < 0.85 ? BiopsyGuidance.CT : BiopsyGuidance.US;
                approach = u2 < site.biopsy().transperitonealShare() ? BiopsyApproach.TRANSPERITONEAL
                        : BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL;
            }
            case VASCULAR_IVC, OTHER -> {
                guidance = u1 < 0.85 ? BiopsyGuidance.CT : BiopsyGuidance.US;
                approach = BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL;
            }
            case UTERUS -> {
                // transvaginal ultrasound-guided core biopsy
                guidance = BiopsyGuidance.US;
                approach = BiopsyApproach.OTHER;
            }
            case STOMACH, SMALL_INTESTINE, COLON_RECTUM -> {
                // endoscopic ultrasound-guided fine-needle biopsy: 19G or 22G needles (flagged finer than 16G)
                guidance = location == PrimaryLocation.STOMACH ? BiopsyGuidance.US : BiopsyGuidance.NONE;
                approach = BiopsyApproach.ENDOSCOPIC;
                gauge = u2 < 0.5 ? 19 : 22;
            }
            default -> throw new IllegalStateException("unhandled location " + location);
        }
        biopsies.add(new BiopsyDraft(day, guidance, gauge, approach, diagnostic));
    }

    /** 18G with the site's fine-needle share, else 12G 10%, 14G 60%, 16G 30%. */
    private int coreNeedleGauge(SyntheticRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        if (u1 < site.biopsy().fineNeedleShare()) {
            return 18;
        }
        return u2 < 0.10 ? 12 : u2 < 0.70 ? 14 : 16;
    }

    // ------------------------------------------------------------------ imaging features and radiomics

    private void imagingFeatures() {
        SyntheticRandom r = stream(FEATURES);
        int g2 = grade == FnclccGrade.G2 ? 1 : 0;
        int g3 = grade == FnclccGrade.G3 ? 1 : 0;
        double logSize = StrictMath.log(diameterMm / 80.0);
        boolean mri = featureStudy.modality == Modality.MRI;
        ImagingFeaturesDraft f = new ImagingFeaturesDraft();
        f.diameterMm = (int) Math.max(1, Math.min(1000, Math.round(diameterMm * StrictMath.exp(0.10 * r.normal()))));
        f.peripheralEnhancement = r.bernoulli(PlantedEffects.expit(-1.0 + 0.7 * g2 + 1.4 * g3 + 0.6 * logSize));
        double pNecrosis = switch (necrosis) {
            case NONE -> 0.15;
            case LESS_THAN_HALF -> 0.70;
            case HALF_OR_MORE -> 0.95;
        };
        f.necrosisPresent = r.bernoulli(pNecrosis);
        int percent = switch (necrosis) {
            case NONE -> r.uniformInt(2, 10);
            case LESS_THAN_HALF -> r.uniformInt(5, 45);
            case HALF_OR_MORE -> r.uniformInt(40, 90);
        };
        f.necrosisPercent = f.necrosisPresent ? percent : null;
        f.heterogeneous = r.bernoulli(PlantedEffects.expit(
                -0.5 + 0.6 * g2 + 1.2 * g3 + 1.2 * (f.necrosisPresent ? 1 : 0) + 0.4 * logSize));
        double[][] marginByGrade = {{0.60, 0.30, 0.10}, {0.45, 0.40, 0.15}, {0.30, 0.45, 0.25}};
        f.margin = ImagingMargin.values()[r.categorical(marginByGrade[grade.ordinal()])];
        f.haemorrhage = r.bernoulli(0.12 + 0.10 * g2 + 0.20 * g3);
        double uT2 = r.nextDouble();
        double uT2b = r.nextDouble();
        if (mri) {
            f.t2Signal = f.heterogeneous && uT2 < 0.7 ? T2Signal.HETEROGENEOUS
                    : uT2b < 0.5 ? T2Signal.INTERMEDIATE : uT2b < 0.8 ? T2Signal.HIGH : T2Signal.LOW;
        }
        boolean dwi = r.bernoulli(0.85);
        double adc = r.normal(1350 - 150 * g2 - 350 * g3, 180);
        if (mri && dwi) {
            f.adcMean = (double) Math.round(Math.max(400, Math.min(2800, adc)));
        }
        boolean calcified = r.bernoulli(0.08);
        f.calcification = mri ? null : calcified;
        double uVessel = r.nextDouble();
        f.vesselInvolvement = switch (location) {
            case VASCULAR_IVC -> true;
            case RETROPERITONEUM -> uVessel < 0.35;
            case EXTREMITY, TRUNK -> uVessel < (depth == TumourDepth.DEEP ? 0.15 : 0.05);
            default -> uVessel < 0.05;
        };
        double uWall = r.nextDouble();
        f.organWallContinuity = switch (location) {
            case UTERUS, STOMACH, SMALL_INTESTINE, COLON_RECTUM -> uWall < 0.9;
            case VASCULAR_IVC -> true;
            default -> null;
        };
        features = f;
    }

    private void radiomicsValues() {
        SyntheticRandom r = stream(RADIOMICS);
        if (!r.bernoulli(site.imaging().radiomicsShare())) {
            return;
        }
        int g2 = grade == FnclccGrade.G2 ? 1 : 0;
        int g3 = grade == FnclccGrade.G3 ? 1 : 0;
        ImagingFeaturesDraft f = features;
        boolean ct = featureStudy.modality == Modality.CT;
        double d = f.diameterMm;
        double volume = StrictMath.PI / 6 * d * d * d * r.uniform(0.45, 0.85);
        double sphericityMean = switch (f.margin) {
            case CIRCUMSCRIBED -> 0.80;
            case IRREGULAR -> 0.70;
            case INFILTRATIVE -> 0.60;
        };
        double sphericity = Math.max(0.30, Math.min(0.99, r.normal(sphericityMean, 0.06)));
        double necrosisShare = f.necrosisPercent == null ? 0 : f.necrosisPercent / 100.0;
        double mean = ct ? r.normal(40 - 15 * necrosisShare, 8) : r.normal(420, 90);
        double variance = r.logNormal((ct ? 250 : 9000) * (f.heterogeneous ? 1.6 : 1.0), 0.35);
        double contrast = r.logNormal(18 * StrictMath.pow(1.3, g2) * StrictMath.pow(1.7, g3), 0.35);
        double entropy = r.normal(6.0 + 0.3 * g2 + 0.6 * g3, 0.35);
        radiomic("morph_volume", Math.round(volume));
        radiomic("morph_sphericity", round(sphericity, 1000));
        radiomic("stat_mean", round(mean, 100));
        radiomic("stat_var", round(variance, 100));
        radiomic("glcm_contrast", round(contrast, 1000));
        radiomic("glcm_joint_entropy", round(entropy, 1000));
    }

    private static double round(double x, double scale) {
        return Math.round(x * scale) / scale;
    }

    private void radiomic(String name, double value) {
        radiomics.add(new Radiomic(name, value));
    }

    // ------------------------------------------------------------------ disease, surveillance, outcomes

    private LatentHistory diseaseAndFollowUp() {
        SyntheticRandom r = stream(DISEASE);
        // a fixed number of draws, in a fixed order, whatever the covariates
        double uMetastasis = r.nextDouble();
        double eLocal = r.standardExponential();
        double eDiseaseDeath = r.standardExponential();
        double eOtherDeath = r.standardExponential();
        double eLoss = r.standardExponential();
        r.standardExponential(); // formerly the clinical delays: kept so that the later draws stay put
        r.standardExponential();
        double uLocationCount = r.nextDouble();
        double uLocation1 = r.nextDouble();
        double uLocation2 = r.nextDouble();
        double uCause = r.nextDouble();

        // The planted models are about the days the registry records (the day a recurrence is found),
        // so that the model an analysis fits to the records is the model the data came from.
        double eta = PlantedEffects.metastasisLogOdds(features.peripheralEnhancement, depth == TumourDepth.DEEP,
                diameterMm, grade);
        int metastasisFound = latentDay(PlantedEffects.metastasisOnsetDays(eta, uMetastasis));
        if (metastasisFound != NEVER) {
            // present at surgery or soon after: found at the first assessment after the primary treatment
            metastasisFound = Math.max(metastasisFound, surgeryDay + PlantedEffects.FIRST_FINDING_AFTER_SURGERY_DAYS);
        }
        Set<FindingLocation> metastasisLocations = metastasisFound == NEVER ? Set.of()
                : metastasisLocations(uLocationCount, uLocation1, uLocation2);

        double lrLp = PlantedEffects.localRecurrenceLogHazardRatio(margin, grade, location, radiotherapyPlanned);
        // counted from the first assessment after the primary treatment (a shift keeps proportional hazards)
        int localFound = addDays(surgeryDay + PlantedEffects.FIRST_FINDING_AFTER_SURGERY_DAYS,
                PlantedEffects.weibullTime(PlantedEffects.LOCAL_RECURRENCE_WEIBULL_SCALE_DAYS,
                        PlantedEffects.LOCAL_RECURRENCE_WEIBULL_SHAPE, lrLp, eLocal));

        // death from the disease, timed from the day the metastasis is found (what the survival analysis sees)
        int diseaseDeath = NEVER;
        if (metastasisFound != NEVER) {
            double w = PlantedEffects.weibullTime(PlantedEffects.DISEASE_DEATH_WEIBULL_SCALE_DAYS,
                    PlantedEffects.DISEASE_DEATH_WEIBULL_SHAPE, PlantedEffects.diseaseDeathLogHazardRatio(grade, age),
                    eDiseaseDeath);
            diseaseDeath = addDays(metastasisFound, Math.max(1, w));
        }
        // A metastasis found within the analysis horizons (5 years) is found in life: death from another
        // cause is drawn given that it comes later. Otherwise such deaths would remove metastases
        // unevenly (older patients, some locations), and the recorded metastasis would no longer follow
        // the planted logistic model at the horizon.
        double otherDeathAfter = metastasisFound <= PlantedEffects.RECORDED_IN_LIFE_DAYS
                ? (metastasisFound - surgeryDay) / DAYS_PER_YEAR : 0;
        int otherDeath = addDays(surgeryDay, otherCauseDeathYears(eOtherDeath, otherDeathAfter) * DAYS_PER_YEAR);
        if (otherDeathAfter > 0) {
            otherDeath = Math.max(otherDeath, metastasisFound + 1);
        }
        int administrativeEnd = Math.max(surgeryDay, (int) StrictMath.floor(
                ((settings.dataCutoffYear() - diagnosisYear) - dayInYear) * DAYS_PER_YEAR));
        double lossRate = site.surveillance().lossToFollowUpPerYear();
        int lossToFollowUp = lossRate > 0 ? addDays(LOSS_TO_FOLLOW_UP_FROM_DAY, eLoss / lossRate * DAYS_PER_YEAR)
                : NEVER;
        int deathDay = Math.min(diseaseDeath, otherDeath);
        int end = Math.min(Math.min(administrativeEnd, lossToFollowUp), deathDay);
        boolean died = deathDay <= Math.min(administrativeEnd, lossToFollowUp);

        int localRecorded = localFound <= end ? localFound : NEVER;
        int metastasisRecorded = metastasisFound <= end ? metastasisFound : NEVER;
        int stopDay = surveillance(localRecorded, metastasisRecorded, metastasisLocations, end);

        // what no surveillance study found is found clinically, on the same day
        if (localRecorded != NEVER && event(OutcomeKind.LOCAL_RECURRENCE) == null) {
            events.add(new EventDraft(OutcomeKind.LOCAL_RECURRENCE, localRecorded, Set.of(), null, null));
        }
        if (metastasisRecorded != NEVER && event(OutcomeKind.DISTANT_METASTASIS) == null) {
            events.add(new EventDraft(OutcomeKind.DISTANT_METASTASIS, metastasisRecorded, metastasisLocations, null,
                    null));
        }
        events.sort(Comparator.comparingInt(e -> e.day));
        SyntheticRandom latent = stream(LATENT_ONSET);
        int localOnset = localFound == NEVER ? NEVER : latentOnset(latent, localFound, surgeryDay + 1, Set.of());
        int metastasisOnset = metastasisFound == NEVER ? NEVER : latentOnset(latent, metastasisFound, 0,
                metastasisLocations);
        aftercare(end);
        if (died) {
            CauseOfDeath cause = deathDay == diseaseDeath
                    ? (uCause < 0.92 ? CauseOfDeath.DISEASE : CauseOfDeath.UNKNOWN)
                    : (uCause < 0.90 ? CauseOfDeath.OTHER_CAUSE : CauseOfDeath.UNKNOWN);
            events.add(new EventDraft(OutcomeKind.DEATH, deathDay, Set.of(), null, cause));
        }
        events.add(new EventDraft(OutcomeKind.LAST_FOLLOW_UP, end, Set.of(), null, null));
        return new LatentHistory(grade, eta, lrLp, radiotherapyPlanned, surgeryDay, metastasisOnset,
                metastasisLocations, localOnset, metastasisFound, localFound, diseaseDeath, otherDeath,
                administrativeEnd, lossToFollowUp, end, stopDay);
    }

    /**
     * The latent onset of a recurrence found on day {@code found}: a uniform day after the last earlier
     * surveillance visit that imaged its place (or {@code earliest}). So no earlier study missed a present
     * lesion, and the only studies of a present lesion are those of the visit held on the day it was found,
     * each of which detected it with the planted sensitivity: the share of studies of a present lesion
     * that report it is the planted sensitivity, exactly.
     */
    private int latentOnset(SyntheticRandom r, int found, int earliest, Set<FindingLocation> metastasisLocations) {
        boolean local = metastasisLocations.isEmpty();
        int lastCovering = earliest - 1;
        for (StudyDraft s : studies) {
            if (s.purpose != StudyPurpose.SURVEILLANCE || s.day >= found || s.day <= lastCovering) {
                continue;
            }
            boolean covers = local ? PlantedEffects.coversLocal(s.region, location)
                    : metastasisLocations.stream().anyMatch(l -> PlantedEffects.coversDistant(s.region, l));
            if (covers) {
                lastCovering = s.day;
            }
        }
        return r.uniformInt(lastCovering + 1, found);
    }

    /** Loss to follow-up starts 5 years after diagnosis. */
    static final int LOSS_TO_FOLLOW_UP_FROM_DAY = 1826;
    /** Gompertz mortality from other causes: 0.8% a year at age 60, rising 9% a year of age. */
    private static final double OTHER_DEATH_RATE_AT_60 = 0.008;
    private static final double OTHER_DEATH_GOMPERTZ_SLOPE = 0.09;

    /**
     * Years from surgery to death from another cause, given that it comes after {@code afterYears}:
     * inversion of the Gompertz survival from age at surgery, H(t) = rate (e^(bt) - 1) / b, left-truncated.
     */
    private double otherCauseDeathYears(double e, double afterYears) {
        double ageAtSurgery = age + 0.5 + surgeryDay / DAYS_PER_YEAR;
        double rate = OTHER_DEATH_RATE_AT_60 * StrictMath.exp(OTHER_DEATH_GOMPERTZ_SLOPE * (ageAtSurgery - 60));
        if (afterYears <= 0) {
            return StrictMath.log1p(OTHER_DEATH_GOMPERTZ_SLOPE * e / rate) / OTHER_DEATH_GOMPERTZ_SLOPE;
        }
        return StrictMath.log(StrictMath.exp(OTHER_DEATH_GOMPERTZ_SLOPE * afterYears)
                + OTHER_DEATH_GOMPERTZ_SLOPE * e / rate) / OTHER_DEATH_GOMPERTZ_SLOPE;
    }

    private static int latentDay(double days) {
        return days < HORIZON_OF_NEVER ? (int) StrictMath.floor(days) : NEVER;
    }

    private static int addDays(int from, double days) {
        if (from == NEVER || !(days < HORIZON_OF_NEVER)) {
            return NEVER;
        }
        long d = from + (long) StrictMath.floor(days);
        return d < HORIZON_OF_NEVER ? (int) d : NEVER;
    }

    private static final FindingLocation[] METASTASIS_SITES = {FindingLocation.LUNG, FindingLocation.LIVER,
            FindingLocation.BONE, FindingLocation.SOFT_TISSUE, FindingLocation.PERITONEUM, FindingLocation.LYMPH_NODE};

    private Set<FindingLocation> metastasisLocations(double uCount, double u1, double u2) {
        double[] w = switch (location) {
            case EXTREMITY, TRUNK, SKIN, HEAD_AND_NECK -> new double[] {0.70, 0.07, 0.08, 0.10, 0.02, 0.03};
            case UTERUS -> new double[] {0.55, 0.12, 0.08, 0.05, 0.15, 0.05};
            default -> new double[] {0.40, 0.30, 0.07, 0.05, 0.15, 0.03};
        };
        int first = pick(w, u1);
        Set<FindingLocation> s = EnumSet.of(METASTASIS_SITES[first]);
        if (uCount < 0.2) {
            double[] rest = w.clone();
            rest[first] = 0;
            s.add(METASTASIS_SITES[pick(rest, u2)]);
        }
        return s;
    }

    private static int pick(double[] weights, double u) {
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        double c = 0;
        for (int i = 0; i < weights.length; i++) {
            c += weights[i];
            if (u * total < c) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * Surveillance visits from surgery on; stops at the first recurrence found (by a study or clinically),
     * at the end of follow-up, 10 years after surgery or when the site stops early. A recurrence is found
     * on its planted day. If the next visit is not missed, it is brought forward to that day and each of
     * its studies detects each lesion it covers with the modality's sensitivity; what no study detects is
     * found clinically on that day (as when no visit is due).
     *
     * @return the patient's early-stop day, or NEVER
     */
    private int surveillance(int localRecorded, int metastasisRecorded, Set<FindingLocation> metastasisLocations,
            int end) {
        SyntheticRandom r = stream(SURVEILLANCE);
        SyntheticRandom detect = stream(DETECTION);
        SiteProfile.SurveillanceHabits habits = site.surveillance();
        SiteProfile.ImagingHabits imaging = site.imaging();
        // patient-level habits
        boolean chestXray = r.bernoulli(imaging.chestXrayShare());
        double uLocalModality = r.nextDouble();
        Modality localModality;
        if (localRegion == BodyRegion.PRIMARY_SITE) {
            localModality = mriAccess ? Modality.MRI : depth == TumourDepth.SUPERFICIAL ? Modality.US : Modality.CT;
        } else {
            localModality = mriAccess && uLocalModality < 0.25 ? Modality.MRI : Modality.CT;
        }
        Modality chestModality = chestXray ? Modality.XRAY : Modality.CT;
        boolean stopsEarly = r.bernoulli(habits.stopEarlyProbability());
        int stopAfter = r.uniformInt(365, 1826);
        int stopDay = stopsEarly ? surgeryDay + stopAfter : NEVER;
        int firstFound = Math.min(localRecorded, metastasisRecorded);

        int scheduled = surgeryDay;
        int visit = 0;
        while (true) {
            int nominal = SurveillanceSchedule.nominalIntervalDays(grade, scheduled - surgeryDay);
            double interval = nominal * habits.intervalStretch() * StrictMath.exp(habits.intervalJitterSd() * r.normal());
            int next = scheduled + (int) Math.max(14, Math.round(interval));
            visit++;
            if (next - surgeryDay > SurveillanceSchedule.END_DAYS || next > end || next >= stopDay) {
                break;
            }
            boolean missed = r.bernoulli(habits.missedVisitProbability());
            boolean pet = r.bernoulli(imaging.petCtShare());
            int day = next;
            boolean finding = next >= firstFound;
            if (finding) {
                if (missed) {
                    break; // found clinically
                }
                day = firstFound; // the visit is brought forward to the day the recurrence shows
            } else if (missed) {
                scheduled = next;
                continue;
            }
            List<StudyDraft> visitStudies = new ArrayList<>();
            if (pet) {
                visitStudies.add(new StudyDraft(day, Modality.PET_CT, StudyPurpose.SURVEILLANCE,
                        BodyRegion.WHOLE_BODY));
            } else {
                visitStudies.add(new StudyDraft(day, localModality, StudyPurpose.SURVEILLANCE, localRegion));
                if (SurveillanceSchedule.chestDue(grade, day - surgeryDay, visit)) {
                    visitStudies.add(new StudyDraft(day, chestModality, StudyPurpose.SURVEILLANCE,
                            BodyRegion.CHEST));
                }
            }
            if (finding) {
                boolean local = localRecorded == day;
                Set<FindingLocation> distant = metastasisRecorded == day ? metastasisLocations : Set.of();
                for (StudyDraft s : visitStudies) {
                    read(s, detect, local, distant);
                    studies.add(s);
                }
                break; // the finding ends surveillance: by a study of the visit, or clinically if they all missed
            }
            for (StudyDraft s : visitStudies) {
                read(s, detect, false, Set.of());
                studies.add(s);
            }
            scheduled = next;
        }
        return stopDay;
    }

    /**
     * Reads one surveillance study: detections of the lesions found that day (each covered one with the
     * modality's sensitivity), false positives; records the events it detects.
     */
    private boolean read(StudyDraft s, SyntheticRandom r, boolean localPresent, Set<FindingLocation> metastasisLocations) {
        boolean localFound = false;
        if (localPresent && PlantedEffects.coversLocal(s.region, location)) {
            localFound = r.bernoulli(PlantedEffects.localSensitivity(s.modality));
        }
        Set<FindingLocation> seen = EnumSet.noneOf(FindingLocation.class);
        for (FindingLocation l : metastasisLocations) {
            if (PlantedEffects.coversDistant(s.region, l) && r.bernoulli(PlantedEffects.distantSensitivity(s.modality, l))) {
                seen.add(l);
            }
        }
        if (localFound || !seen.isEmpty()) {
            s.result = localFound && !seen.isEmpty() ? SurveillanceResult.LOCAL_AND_DISTANT
                    : localFound ? SurveillanceResult.LOCAL_RECURRENCE : SurveillanceResult.DISTANT_METASTASIS;
            s.confirmed = true;
            double pBiopsy = localFound ? 0.7 : 0.3;
            s.method = r.bernoulli(pBiopsy) ? ConfirmationMethod.BIOPSY : ConfirmationMethod.FOLLOW_UP;
            s.locations = seen;
            if (localFound && event(OutcomeKind.LOCAL_RECURRENCE) == null) {
                events.add(new EventDraft(OutcomeKind.LOCAL_RECURRENCE, s.day, Set.of(), s, null));
            }
            EventDraft distant = event(OutcomeKind.DISTANT_METASTASIS);
            if (!seen.isEmpty()) {
                if (distant == null) {
                    events.add(new EventDraft(OutcomeKind.DISTANT_METASTASIS, s.day, seen, s, null));
                } else {
                    distant.locations.addAll(seen); // a second study of the same visit saw more
                }
            }
            return true;
        }
        if (r.bernoulli(PlantedEffects.falsePositiveProbability(s.modality))) {
            double u = r.nextDouble();
            boolean local = PlantedEffects.coversLocal(s.region, location);
            FindingLocation distantSite = s.region == BodyRegion.CHEST || s.region == BodyRegion.WHOLE_BODY
                    ? FindingLocation.LUNG : s.region == BodyRegion.ABDOMEN_PELVIS ? FindingLocation.LIVER : null;
            if (u < 0.6 || (!local && distantSite == null)) {
                s.result = SurveillanceResult.EQUIVOCAL;
            } else if (local && (distantSite == null || u < 0.8)) {
                s.result = SurveillanceResult.LOCAL_RECURRENCE;
            } else {
                s.result = SurveillanceResult.DISTANT_METASTASIS;
                s.locations = EnumSet.of(distantSite);
            }
            s.confirmed = false;
        } else {
            s.result = SurveillanceResult.NO_EVIDENCE_OF_DISEASE;
        }
        return false;
    }

    private EventDraft event(OutcomeKind kind) {
        for (EventDraft e : events) {
            if (e.kind == kind) {
                return e;
            }
        }
        return null;
    }

    /** Treatment of a recurrence: palliative chemotherapy after metastasis, radiotherapy after local recurrence. */
    private void aftercare(int end) {
        SyntheticRandom r = stream(AFTERCARE);
        boolean chemo = r.bernoulli(0.6);
        int chemoDelay = r.uniformInt(14, 45);
        boolean rt = r.bernoulli(0.3);
        int rtDelay = r.uniformInt(21, 60);
        EventDraft distant = event(OutcomeKind.DISTANT_METASTASIS);
        if (distant != null && chemo && distant.day + chemoDelay <= end) {
            treatments.add(new TreatmentDraft(TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE,
                    distant.day + chemoDelay, null));
        }
        EventDraft local = event(OutcomeKind.LOCAL_RECURRENCE);
        if (local != null && rt && local.day + rtDelay <= end) {
            treatments.add(new TreatmentDraft(TreatmentKind.RADIOTHERAPY, TreatmentSetting.CURATIVE,
                    local.day + rtDelay, null));
        }
    }

    // ------------------------------------------------------------------ records

    private PatientRecords build(LatentHistory truth) {
        int end = truth.endOfFollowUpDay();
        String code = site.code();
        SyntheticRandom details = stream(STUDY_DETAILS);
        Patient patient = new Patient(code, pseudonym, sex, age, diagnosisYear);

        List<StudyDraft> kept = new ArrayList<>();
        for (StudyDraft s : studies) {
            if (s.day <= end) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(s -> s.day)); // stable: same-day studies keep their order
        List<ImagingStudy> studyRecords = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            StudyDraft s = kept.get(i);
            s.id = studyId(i + 1);
            boolean contrast = details.bernoulli(switch (s.modality) {
                case MRI -> 0.95;
                case CT -> s.region == BodyRegion.CHEST ? 0.5 : 0.85;
                case PET_CT -> 0.3;
                case US, XRAY -> 0.0;
            });
            boolean etl = details.bernoulli(site.imaging().etlShare());
            long uid = details.nextLong();
            String uidHash = etl ? pseudonymiser.studyUidHash("2.25." + Long.toUnsignedString(uid)) : null;
            studyRecords.add(new ImagingStudy(code, pseudonym, s.id, s.day, s.modality, s.purpose, s.region, contrast,
                    uidHash, etl ? RecordSource.ETL : RecordSource.FORM, s.result, s.confirmed, s.method,
                    s.locations));
        }

        biopsies.sort(Comparator.comparingInt(b -> b.day));
        List<Biopsy> biopsyRecords = new ArrayList<>();
        for (int i = 0; i < biopsies.size(); i++) {
            BiopsyDraft b = biopsies.get(i);
            biopsyRecords.add(new Biopsy(code, pseudonym, "BX" + (i + 1), b.day, b.guidance, b.gauge, b.approach,
                    b.diagnostic));
        }

        ImagingFeaturesDraft f = features;
        ImagingFeatures featureRecord = new ImagingFeatures(code, pseudonym, featureStudy.id, f.diameterMm, f.margin,
                f.heterogeneous, f.necrosisPresent, f.necrosisPercent, f.peripheralEnhancement, f.haemorrhage,
                f.t2Signal, f.adcMean, f.calcification, f.vesselInvolvement, f.organWallContinuity);
        List<RadiomicsValue> radiomicsRecords = new ArrayList<>();
        for (Radiomic v : radiomics) {
            radiomicsRecords.add(new RadiomicsValue(code, pseudonym, featureStudy.id, v.name(), v.value()));
        }

        List<TreatmentDraft> keptTreatments = new ArrayList<>();
        for (TreatmentDraft t : treatments) {
            if (t.day <= end) {
                keptTreatments.add(t);
            }
        }
        keptTreatments.sort(Comparator.comparingInt(t -> t.day));
        List<Treatment> treatmentRecords = new ArrayList<>();
        for (int i = 0; i < keptTreatments.size(); i++) {
            TreatmentDraft t = keptTreatments.get(i);
            treatmentRecords.add(new Treatment(code, pseudonym, "TX" + (i + 1), t.kind, t.setting, t.day, t.margin));
        }

        events.sort(Comparator.comparingInt((EventDraft e) -> e.day).thenComparing(e -> e.kind));
        List<OutcomeEvent> eventRecords = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventDraft e = events.get(i);
            eventRecords.add(new OutcomeEvent(code, pseudonym, "EV" + (i + 1), e.kind, e.day, e.locations,
                    e.detectedBy == null ? null : e.detectedBy.id, e.cause));
        }
        return new PatientRecords(patient, tumour, biopsyRecords, studyRecords, featureRecord, radiomicsRecords,
                treatmentRecords, eventRecords);
    }

    /** ST001, ST002, ... (more digits past 999). */
    private static String studyId(int n) {
        String digits = Integer.toString(n);
        return digits.length() >= 3 ? "ST" + digits : "ST" + "00".substring(digits.length() - 1) + digits;
    }

    // ------------------------------------------------------------------ drafts (mutable, before ids are known)

    private static final class StudyDraft {
        final int day;
        final Modality modality;
        final StudyPurpose purpose;
        final BodyRegion region;
        SurveillanceResult result;
        Boolean confirmed;
        ConfirmationMethod method;
        Set<FindingLocation> locations = Set.of();
        String id;

        StudyDraft(int day, Modality modality, StudyPurpose purpose, BodyRegion region) {
            this.day = day;
            this.modality = modality;
            this.purpose = purpose;
            this.region = region;
        }
    }

    private record BiopsyDraft(int day, BiopsyGuidance guidance, Integer gauge, BiopsyApproach approach,
            boolean diagnostic) {
    }

    private record Radiomic(String name, double value) {
    }

    private record TreatmentDraft(TreatmentKind kind, TreatmentSetting setting, int day, SurgicalMargin margin) {
    }

    private static final class EventDraft {
        final OutcomeKind kind;
        final int day;
        final Set<FindingLocation> locations;
        final StudyDraft detectedBy;
        final CauseOfDeath cause;

        EventDraft(OutcomeKind kind, int day, Set<FindingLocation> locations, StudyDraft detectedBy,
                CauseOfDeath cause) {
            this.kind = kind;
            this.day = day;
            this.locations = locations.isEmpty() ? EnumSet.noneOf(FindingLocation.class) : EnumSet.copyOf(locations);
            this.detectedBy = detectedBy;
            this.cause = cause;
        }
    }

    private static final class ImagingFeaturesDraft {
        int diameterMm;
        ImagingMargin margin;
        boolean heterogeneous;
        boolean necrosisPresent;
        Integer necrosisPercent;
        boolean peripheralEnhancement;
        boolean haemorrhage;
        T2Signal t2Signal;
        Double adcMean;
        Boolean calcification;
        Boolean vesselInvolvement;
        Boolean organWallContinuity;
    }
}
