package org.lmsregistry.model.synthetic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.lmsregistry.model.code.PrimaryLocation;

/**
 * How one synthetic site differs from the others: its case mix, how closely it follows the
 * surveillance schedule, which imaging it uses and how it biopsies. Site codes are fictional
 * ({@code NORTH}, {@code SOUTH}, ..., then {@code S06}, {@code S07}, ...); no real institution is named.
 *
 * @param code         registry site code (2-12 upper-case letters or digits, starting with a letter)
 * @param name         a fictional descriptive name
 * @param caseMix      shares of primary locations
 * @param surveillance adherence to the surveillance schedule and loss to follow-up
 * @param imaging      modality habits
 * @param biopsy       biopsy habits (protocol deviations that raise warnings)
 */
public record SiteProfile(String code, String name, CaseMix caseMix, SurveillanceHabits surveillance,
        ImagingHabits imaging, BiopsyHabits biopsy) implements Serializable {

    private static final Pattern SITE_CODE = Pattern.compile("^[A-Z][A-Z0-9]{1,11}$");

    /**
     * How a site departs from the guideline schedule (see {@link SurveillanceSchedule}).
     *
     * @param missedVisitProbability each scheduled visit is skipped with this probability (the next
     *                               one stays on schedule, so a miss doubles the gap)
     * @param intervalStretch        every interval is multiplied by this factor (1 = on time)
     * @param intervalJitterSd       and by exp(N(0, sd)), independently per visit
     * @param stopEarlyProbability   share of patients whose imaging surveillance stops for good at a
     *                               time uniform between 1 and 5 years after surgery (outcomes are
     *                               still followed)
     * @param lossToFollowUpPerYear  after year 5 from diagnosis, patients are lost to follow-up at this
     *                               constant rate per year (no loss before year 5)
     */
    public record SurveillanceHabits(double missedVisitProbability, double intervalStretch, double intervalJitterSd,
            double stopEarlyProbability, double lossToFollowUpPerYear) implements Serializable {
        public SurveillanceHabits {
            probability("missedVisitProbability", missedVisitProbability);
            if (!(intervalStretch >= 0.5 && intervalStretch <= 4)) {
                throw new IllegalArgumentException("intervalStretch must be in [0.5, 4], was " + intervalStretch);
            }
            if (!(intervalJitterSd >= 0 && intervalJitterSd <= 1)) {
                throw new IllegalArgumentException("intervalJitterSd must be in [0, 1], was " + intervalJitterSd);
            }
            probability("stopEarlyProbability", stopEarlyProbability);
            if (!(lossToFollowUpPerYear >= 0 && lossToFollowUpPerYear <= 1)) {
                throw new IllegalArgumentException("lossToFollowUpPerYear must be in [0, 1]");
            }
        }
    }

    /**
     * Which imaging a site uses. Choices are made once per patient (a patient is followed the same way).
     *
     * @param mriAvailability share of patients whose primary-site imaging is MRI (else CT, or ultrasound
     *                        for superficial tumours); abdominal and pelvic primaries are followed by CT
     *                        and get MRI for a quarter of this share
     * @param chestXrayShare  share of patients whose chest surveillance is a chest X-ray instead of CT
     * @param petCtShare      share of surveillance visits replaced by one whole-body PET-CT
     * @param radiomicsShare  share of patients with radiomics values on the diagnostic study
     * @param etlShare        share of studies loaded by the site ETL from DICOM (they carry a UID hash);
     *                        the rest are entered in forms
     */
    public record ImagingHabits(double mriAvailability, double chestXrayShare, double petCtShare,
            double radiomicsShare, double etlShare) implements Serializable {
        public ImagingHabits {
            probability("mriAvailability", mriAvailability);
            probability("chestXrayShare", chestXrayShare);
            probability("petCtShare", petCtShare);
            probability("radiomicsShare", radiomicsShare);
            probability("etlShare", etlShare);
        }
    }

    /**
     * Biopsy habits that the literature calls protocol deviations (they raise validation warnings).
     *
     * @param fineNeedleShare      share of core needle biopsies done with an 18G needle (finer than 16G)
     * @param transperitonealShare share of retroperitoneal tumour biopsies done through the peritoneum
     */
    public record BiopsyHabits(double fineNeedleShare, double transperitonealShare) implements Serializable {
        public BiopsyHabits {
            probability("fineNeedleShare", fineNeedleShare);
            probability("transperitonealShare", transperitonealShare);
        }
    }

    public SiteProfile {
        Objects.requireNonNull(code, "code");
        if (!SITE_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("site code must be 2-12 upper-case letters or digits starting with "
                    + "a letter, was " + code);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caseMix, "caseMix");
        Objects.requireNonNull(surveillance, "surveillance");
        Objects.requireNonNull(imaging, "imaging");
        Objects.requireNonNull(biopsy, "biopsy");
    }

    private static void probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], was " + p);
        }
    }

    /** The five archetypes, in order NORTH, SOUTH, EAST, WEST, CENTRAL. */
    public static final List<SiteProfile> ARCHETYPES = List.of(
            // a sarcoma reference centre: pooled case mix, close adherence, CT chest, MRI for all
            new SiteProfile("NORTH", "North sarcoma reference centre (fictional)", CaseMix.DEFAULT,
                    new SurveillanceHabits(0.03, 1.00, 0.05, 0.02, 0.02),
                    new ImagingHabits(1.00, 0.00, 0.05, 0.60, 0.90),
                    new BiopsyHabits(0.03, 0.01)),
            // a gynaecological oncology centre: mostly uterine
            new SiteProfile("SOUTH", "South gynaecological oncology centre (fictional)",
                    CaseMix.DEFAULT.tilt(PrimaryLocation.UTERUS, 2.8),
                    new SurveillanceHabits(0.08, 1.05, 0.10, 0.08, 0.03),
                    new ImagingHabits(0.95, 0.10, 0.02, 0.30, 0.50),
                    new BiopsyHabits(0.06, 0.02)),
            // an abdominal surgery centre: retroperitoneal, vascular and visceral tumours; more transperitoneal biopsies
            new SiteProfile("EAST", "East abdominal surgery centre (fictional)",
                    CaseMix.DEFAULT.tilt(PrimaryLocation.RETROPERITONEUM, 2.5).tilt(PrimaryLocation.VASCULAR_IVC, 2.0)
                            .tilt(PrimaryLocation.STOMACH, 2.0).tilt(PrimaryLocation.SMALL_INTESTINE, 2.0),
                    new SurveillanceHabits(0.10, 1.10, 0.12, 0.10, 0.04),
                    new ImagingHabits(0.85, 0.00, 0.03, 0.40, 0.70),
                    new BiopsyHabits(0.05, 0.10)),
            // a community network: pooled case mix, loose adherence, chest X-ray, little MRI, no radiomics
            new SiteProfile("WEST", "West community hospital network (fictional)", CaseMix.DEFAULT,
                    new SurveillanceHabits(0.20, 1.30, 0.20, 0.30, 0.08),
                    new ImagingHabits(0.60, 0.75, 0.00, 0.00, 0.20),
                    new BiopsyHabits(0.15, 0.04)),
            // an orthopaedic oncology centre: extremity, trunk and skin tumours
            new SiteProfile("CENTRAL", "Central orthopaedic oncology centre (fictional)",
                    CaseMix.DEFAULT.tilt(PrimaryLocation.EXTREMITY, 3.5).tilt(PrimaryLocation.TRUNK, 2.5)
                            .tilt(PrimaryLocation.SKIN, 2.0).tilt(PrimaryLocation.UTERUS, 0.3),
                    new SurveillanceHabits(0.05, 1.00, 0.06, 0.05, 0.03),
                    new ImagingHabits(1.00, 0.05, 0.02, 0.50, 0.80),
                    new BiopsyHabits(0.04, 0.02)));

    /**
     * The default profiles of n sites: the five archetypes, then {@code S06}, {@code S07}, ... cycling
     * through the archetypes again (site i, 0-based, has the habits of archetype i mod 5).
     */
    public static List<SiteProfile> defaults(int n) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("number of sites must be 1-999, was " + n);
        }
        List<SiteProfile> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SiteProfile archetype = ARCHETYPES.get(i % ARCHETYPES.size());
            sites.add(i < ARCHETYPES.size() ? archetype
                    : archetype.withCode(String.format(Locale.ROOT, "S%02d", i + 1),
                            "Site " + (i + 1) + " (fictional; habits of " + archetype.code() + ")"));
        }
        return List.copyOf(sites);
    }

    public SiteProfile withCode(String newCode, String newName) {
        return new SiteProfile(newCode, newName, caseMix, surveillance, imaging, biopsy);
    }

    public SiteProfile withCaseMix(CaseMix newCaseMix) {
        return new SiteProfile(code, name, newCaseMix, surveillance, imaging, biopsy);
    }

    public SiteProfile withSurveillance(SurveillanceHabits newHabits) {
        return new SiteProfile(code, name, caseMix, newHabits, imaging, biopsy);
    }

    public SiteProfile withImaging(ImagingHabits newHabits) {
        return new SiteProfile(code, name, caseMix, surveillance, newHabits, biopsy);
    }

    public SiteProfile withBiopsy(BiopsyHabits newHabits) {
        return new SiteProfile(code, name, caseMix, surveillance, imaging, newHabits);
    }
}
