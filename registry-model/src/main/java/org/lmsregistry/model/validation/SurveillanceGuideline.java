package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Treatment;

/**
 * The surveillance imaging schedule after treatment of a leiomyosarcoma, by FNCLCC grade: the one
 * definition that the validator's {@link Rule#SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE} warning and the
 * Spark schedule-adherence job both use.
 *
 * <h2>Source</h2>
 * The soft-tissue sarcoma follow-up recommendation of the ESMO clinical practice guidelines
 * (Casali PG, Blay JY, et al. Ann Oncol 2010;21 Suppl 5:v198-203; kept in the ESMO-EURACAN-GENTURIS
 * update, Gronchi A, et al. Ann Oncol 2021;32(11):1348-65), as condensed in the registry's clinical
 * brief ({@code domain/BRIEF.md}, "Surveillance after treatment"):
 * <ul>
 * <li>high grade (G2-G3): every 3-4 months in the first 2-3 years, then twice a year up to the fifth
 * year, then once a year;</li>
 * <li>low grade (G1): local checks every 4-6 months, with chest imaging at longer intervals, in the
 * first 3-5 years, then once a year.</li>
 * </ul>
 * Time is counted from the end of primary treatment.
 *
 * <h2>How the ranges are read</h2>
 * The guideline gives ranges ("3-4 months", "the first 2-3 years"). A warning must mean that the
 * schedule was broken under <em>every</em> reading, so the default {@link Reading#LENIENT} reading
 * takes the longest interval and the shortest phase:
 * <pre>
 * grade   months since end of primary treatment   longest interval
 * G2-G3   0-24                                    4 months
 * G2-G3   24-60                                   6 months
 * G2-G3   60-                                     12 months
 * G1      0-36                                    6 months
 * G1      36-                                     12 months
 * </pre>
 * {@link Reading#STRICT} takes the longest phases (G2-G3: 4 months to month 36; G1: 6 months to
 * month 60), for sensitivity analyses. Any surveillance study counts as a visit, whatever its modality
 * or body region (the guideline's "chest imaging at longer intervals" for G1 has no number; the local
 * check interval governs). The interval that applies to a gap is the one in force on the day of the
 * visit that opens it (the day the next visit is scheduled).
 *
 * <h2>Days</h2>
 * A month is 365.25 / 12 = 30.4375 days; an interval of m months allows {@code ceil(m * 30.4375)} days
 * plus a tolerance for scheduling (default {@value #DEFAULT_TOLERANCE_DAYS} days): with the default,
 * 4 months allow 152 days, 6 months 213 days and 12 months 396 days.
 *
 * <h2>When the schedule applies</h2>
 * From the end of primary treatment (see {@link #primaryTreatmentEndDay}) while the patient is alive
 * and recurrence-free (see {@link #surveillanceEndDay}). Only the start-day of a treatment is recorded,
 * so the end of primary treatment is approximated by the start of its last component.
 */
public final class SurveillanceGuideline {

    /** Days of scheduling slack added to every interval unless another tolerance is given. */
    public static final int DEFAULT_TOLERANCE_DAYS = 30;

    /** Average days per month (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    /** Marks a phase without end. */
    public static final int OPEN_ENDED = Integer.MAX_VALUE;

    /** How the guideline's ranges are read. */
    public enum Reading {
        /** Longest interval, shortest phase: a gap beyond it breaks every reading (used for warnings). */
        LENIENT,
        /** Longest interval, longest phase of frequent visits. */
        STRICT
    }

    /**
     * One phase of the schedule.
     *
     * @param fromMonth         first month since the end of primary treatment (inclusive)
     * @param untilMonth        end month (exclusive), or {@link #OPEN_ENDED}
     * @param minIntervalMonths the shortest interval the guideline names
     * @param maxIntervalMonths the longest interval the guideline names
     * @param recommendation    the guideline's words for this phase
     */
    public record Phase(int fromMonth, int untilMonth, int minIntervalMonths, int maxIntervalMonths,
            String recommendation) {

        /** Whether a time since the end of primary treatment, in days, falls into this phase. */
        public boolean contains(int daysSinceTreatmentEnd) {
            double months = daysSinceTreatmentEnd / DAYS_PER_MONTH;
            return months >= fromMonth && (untilMonth == OPEN_ENDED || months < untilMonth);
        }
    }

    /**
     * A gap between two visits that is longer than the guideline allows.
     *
     * @param fromIndex   index (in the days given) of the visit that opens the gap, or -1 when the gap
     *                    opens at the end of primary treatment
     * @param toIndex     index of the visit that closes the gap
     * @param fromDay     day the gap opens (days from diagnosis)
     * @param toDay       day the gap closes
     * @param phase       the phase in force when the gap opened
     * @param allowedDays the longest gap accepted, tolerance included
     */
    public record Gap(int fromIndex, int toIndex, int fromDay, int toDay, Phase phase, int allowedDays) {

        public int days() {
            return toDay - fromDay;
        }
    }

    private static final List<Phase> HIGH_GRADE_LENIENT = List.of(
            new Phase(0, 24, 3, 4, "every 3-4 months in the first 2-3 years"),
            new Phase(24, 60, 6, 6, "twice a year up to year 5"),
            new Phase(60, OPEN_ENDED, 12, 12, "once a year after year 5"));
    private static final List<Phase> HIGH_GRADE_STRICT = List.of(
            new Phase(0, 36, 3, 4, "every 3-4 months in the first 2-3 years"),
            new Phase(36, 60, 6, 6, "twice a year up to year 5"),
            new Phase(60, OPEN_ENDED, 12, 12, "once a year after year 5"));
    private static final List<Phase> LOW_GRADE_LENIENT = List.of(
            new Phase(0, 36, 4, 6, "local checks every 4-6 months in the first 3-5 years"),
            new Phase(36, OPEN_ENDED, 12, 12, "once a year after the first 3-5 years"));
    private static final List<Phase> LOW_GRADE_STRICT = List.of(
            new Phase(0, 60, 4, 6, "local checks every 4-6 months in the first 3-5 years"),
            new Phase(60, OPEN_ENDED, 12, 12, "once a year after the first 3-5 years"));

    private static final SurveillanceGuideline STANDARD = new SurveillanceGuideline(Reading.LENIENT,
            DEFAULT_TOLERANCE_DAYS);

    private final Reading reading;
    private final int toleranceDays;

    /**
     * @param reading       how the guideline's ranges are read
     * @param toleranceDays days of slack added to every interval (0 or more)
     */
    public SurveillanceGuideline(Reading reading, int toleranceDays) {
        if (toleranceDays < 0) {
            throw new IllegalArgumentException("tolerance must be 0 days or more, was " + toleranceDays);
        }
        this.reading = Objects.requireNonNull(reading, "reading");
        this.toleranceDays = toleranceDays;
    }

    /** The lenient reading with the default tolerance: what the validator warns by. */
    public static SurveillanceGuideline standard() {
        return STANDARD;
    }

    public Reading reading() {
        return reading;
    }

    public int toleranceDays() {
        return toleranceDays;
    }

    /** The schedule for a grade, phase by phase. */
    public List<Phase> phases(FnclccGrade grade) {
        Objects.requireNonNull(grade, "grade");
        boolean lenient = reading == Reading.LENIENT;
        if (grade.isHighGrade()) {
            return lenient ? HIGH_GRADE_LENIENT : HIGH_GRADE_STRICT;
        }
        return lenient ? LOW_GRADE_LENIENT : LOW_GRADE_STRICT;
    }

    /** The phase in force a number of days after the end of primary treatment (0 or more). */
    public Phase phaseAt(FnclccGrade grade, int daysSinceTreatmentEnd) {
        if (daysSinceTreatmentEnd < 0) {
            throw new IllegalArgumentException("days since the end of treatment must be 0 or more, was "
                    + daysSinceTreatmentEnd);
        }
        for (Phase p : phases(grade)) {
            if (p.contains(daysSinceTreatmentEnd)) {
                return p;
            }
        }
        throw new IllegalStateException("schedule has no phase for day " + daysSinceTreatmentEnd);
    }

    /** Days a number of months stands for, rounded up. */
    public static int monthsToDays(int months) {
        return (int) Math.ceil(months * DAYS_PER_MONTH);
    }

    /** The longest gap in days, tolerance included, for a visit on a day after the end of primary treatment. */
    public int maxIntervalDays(FnclccGrade grade, int daysSinceTreatmentEnd) {
        return monthsToDays(phaseAt(grade, daysSinceTreatmentEnd).maxIntervalMonths()) + toleranceDays;
    }

    /**
     * The gaps that are longer than the schedule allows: from the end of primary treatment to the first
     * visit, and between consecutive visits, counting only visits after the end of primary treatment and
     * on or before the end of surveillance.
     *
     * @param grade            the tumour's grade
     * @param treatmentEndDay  the end of primary treatment (days from diagnosis)
     * @param surveillanceEnd  the last day surveillance applies (e.g. {@link #surveillanceEndDay}); a
     *                         visit on that day (the one that found a recurrence) still counts
     * @param visitDays        the days of the surveillance studies, in ascending order
     * @return the overdue gaps, in order; indices refer to {@code visitDays}
     */
    public List<Gap> overdueGaps(FnclccGrade grade, int treatmentEndDay, int surveillanceEnd, int[] visitDays) {
        Objects.requireNonNull(grade, "grade");
        List<Gap> gaps = new ArrayList<>();
        int previousDay = treatmentEndDay;
        int previousIndex = -1;
        for (int i = 0; i < visitDays.length; i++) {
            int day = visitDays[i];
            if (i > 0 && day < visitDays[i - 1]) {
                throw new IllegalArgumentException("visit days must be in ascending order");
            }
            if (day <= treatmentEndDay) {
                continue;
            }
            if (day > surveillanceEnd) {
                break;
            }
            int sinceEnd = previousDay - treatmentEndDay;
            int allowed = maxIntervalDays(grade, sinceEnd);
            if (day - previousDay > allowed) {
                gaps.add(new Gap(previousIndex, i, previousDay, day, phaseAt(grade, sinceEnd), allowed));
            }
            previousDay = day;
            previousIndex = i;
        }
        return gaps;
    }

    /**
     * The last day of recurrence-free survival as far as the records tell: the earliest death, local
     * recurrence or distant metastasis event, or surveillance study with a confirmed recurrence;
     * {@link Integer#MAX_VALUE} when there is none.
     */
    public static int surveillanceEndDay(Collection<OutcomeEvent> outcomes, Collection<ImagingStudy> studies) {
        int end = Integer.MAX_VALUE;
        for (OutcomeEvent e : outcomes) {
            if (endsSurveillance(e.kind()) && e.day() != null) {
                end = Math.min(end, e.day());
            }
        }
        for (ImagingStudy s : studies) {
            if (s.isConfirmedDetection() && s.day() != null) {
                end = Math.min(end, s.day());
            }
        }
        return end;
    }

    /**
     * Whether an outcome event of this kind ends recurrence-free surveillance (all but a last follow-up).
     * Spelled out apart from {@link #surveillanceEndDay} for callers that hold the kind alone (the Spark
     * adherence job reads millions of records as packed codes, not as model records).
     */
    public static boolean endsSurveillance(OutcomeKind kind) {
        return kind != OutcomeKind.LAST_FOLLOW_UP;
    }

    /**
     * Whether a treatment belongs to primary treatment: not palliative, and started before the end of
     * recurrence-free survival (a re-excision of a recurrence is not primary treatment).
     */
    public static boolean isPrimaryTreatment(Treatment t, int surveillanceEnd) {
        return isPrimaryTreatment(t.setting(), t.startDay(), surveillanceEnd);
    }

    /** {@link #isPrimaryTreatment(Treatment, int)} for a treatment given by its setting and start day. */
    public static boolean isPrimaryTreatment(TreatmentSetting setting, Integer startDay, int surveillanceEnd) {
        return setting != TreatmentSetting.PALLIATIVE && startDay != null && startDay < surveillanceEnd;
    }

    /**
     * The end of primary treatment, approximated by the latest start day of a primary treatment (surgery,
     * neoadjuvant, adjuvant or curative radiotherapy, chemotherapy or hormonal treatment); empty when
     * the patient had no primary treatment, and then the schedule does not apply.
     */
    public static OptionalInt primaryTreatmentEndDay(Collection<Treatment> treatments, int surveillanceEnd) {
        OptionalInt end = OptionalInt.empty();
        for (Treatment t : treatments) {
            if (isPrimaryTreatment(t, surveillanceEnd) && (end.isEmpty() || t.startDay() > end.getAsInt())) {
                end = OptionalInt.of(t.startDay());
            }
        }
        return end;
    }
}
