package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.record.RecordType;

/**
 * The surveillance imaging studies, one narrow row each with the model's vocabularies as small codes
 * ({@link Vocabulary}): {@link PatientTable#KEY}, {@code day}, {@code modality_code} and {@code modality_other},
 * {@code region_code} and {@code region_other}, {@code result_code} and {@code finding_confirmed}. It is what
 * {@code describe} (has the patient a surveillance study), {@code yield} (the surveillance cube and the negative
 * studies) and {@code adherence} (the imaging in each guideline interval) read of the millions of studies.
 * <p>
 * When several of those jobs run in one session ({@code analyse}), the rows are cached once (about 20 bytes a
 * study), restricted to the cohort's patients when the cohort is not the whole registry, so that the study
 * table is read and its strings decoded and compared once instead of once per job. A single job reads them
 * straight from the source: caching costs more than it saves for one reader.
 */
public final class SurveillanceStudies {

    public static final String DAY = "day";
    public static final String MODALITY_CODE = "modality_code";
    public static final String MODALITY_OTHER = "modality_other";
    public static final String REGION_CODE = "region_code";
    public static final String REGION_OTHER = "region_other";
    /** {@link Vocabulary#code} of {@link SurveillanceResult}; a result of no vocabulary value is 0. */
    public static final String RESULT_CODE = "result_code";
    public static final String FINDING_CONFIRMED = "finding_confirmed";

    /**
     * Setting: whether {@code analyse} caches the studies for its jobs ({@code --conf
     * lms.surveillanceStudies.cache=true}); see {@link #DEFAULT_CACHE}.
     */
    public static final String CACHE_SETTING = "lms.surveillanceStudies.cache";

    /** Default of {@link #CACHE_SETTING}. */
    public static final boolean DEFAULT_CACHE = true;

    private final RegistryData data;
    private final Cohort cohort;
    private final boolean cached;
    private Dataset<Row> rows;
    private Boolean otherValues;

    private SurveillanceStudies(RegistryData data, Cohort cohort, boolean cached) {
        this.data = data;
        this.cohort = cohort;
        this.cached = cached;
    }

    /** Read from the source by each job that asks (one job in the session). */
    public static SurveillanceStudies read(RegistryData data, Cohort cohort) {
        return new SurveillanceStudies(data, cohort, false);
    }

    /** Cached on first use, for several jobs of one session; {@link #release()} frees the cache. */
    public static SurveillanceStudies shared(RegistryData data, Cohort cohort) {
        return new SurveillanceStudies(data, cohort, true);
    }

    /**
     * The studies for the jobs of one session: cached ({@link #shared}) when two or more of them read the studies
     * and the session's {@link #CACHE_SETTING} allows it, else read by each job.
     */
    public static SurveillanceStudies forJobs(RegistryData data, Cohort cohort, long readers) {
        boolean cache = Boolean.parseBoolean(data.table(RecordType.PATIENT).sparkSession().conf()
                .get(CACHE_SETTING, Boolean.toString(DEFAULT_CACHE)));
        return readers > 1 && cache ? shared(data, cohort) : read(data, cohort);
    }

    /** Whether the rows are cached for several jobs. */
    public boolean cached() {
        return cached;
    }

    /**
     * The rows (see the class description). Uncached, they are every surveillance study of the source; cached,
     * those of the cohort's patients only. Either way the jobs join them with the cohort as before.
     */
    synchronized Dataset<Row> rows(AnalysisContext ctx) {
        if (rows == null) {
            Column key = PatientTable.keyFor(data, cohort.patients()).as(PatientTable.KEY);
            Column result = col("result");
            Dataset<Row> coded = data.table(RecordType.IMAGING_STUDY)
                    .where(col("purpose").equalTo(StudyPurpose.SURVEILLANCE.name()))
                    .select(key, col("day").as(DAY),
                            Vocabulary.code(col("modality"), Modality.values()).cast("byte").as(MODALITY_CODE),
                            Vocabulary.other(col("modality"), Modality.values()).as(MODALITY_OTHER),
                            Vocabulary.code(col("body_region"), BodyRegion.values()).cast("byte").as(REGION_CODE),
                            Vocabulary.other(col("body_region"), BodyRegion.values()).as(REGION_OTHER),
                            Vocabulary.code(result, SurveillanceResult.values()).cast("byte").as(RESULT_CODE),
                            col("finding_confirmed").as(FINDING_CONFIRMED));
            if (!cached) {
                rows = coded;
            } else {
                boolean wholeRegistry = cohort.size() == cohort.flow().get(0).patientsLeft();
                rows = (wholeRegistry ? coded : coded.join(ctx.patientLevel(cohort.patients()
                        .select(col(PatientTable.KEY))), PatientTable.KEY, "left_semi"))
                        .persist(StorageLevel.MEMORY_AND_DISK());
            }
        }
        return rows;
    }

    /**
     * Whether a study may hold a modality or body region outside the vocabularies ({@link #MODALITY_OTHER},
     * {@link #REGION_OTHER} not null): looked up once on the cached rows; read from the source, assumed.
     */
    synchronized boolean mayHoldOtherValues(AnalysisContext ctx) {
        if (!cached) {
            return true;
        }
        if (otherValues == null) {
            otherValues = !rows(ctx).where(col(MODALITY_OTHER).isNotNull().or(col(REGION_OTHER).isNotNull()))
                    .isEmpty();
        }
        return otherValues;
    }

    /** Whether the result code is one of the results a predicate selects (e.g. the recurrences). */
    static Column resultIn(java.util.function.Predicate<SurveillanceResult> which) {
        java.util.List<Object> codes = new java.util.ArrayList<>();
        for (SurveillanceResult r : SurveillanceResult.values()) {
            if (which.test(r)) {
                codes.add((byte) (r.ordinal() + 1));
            }
        }
        return col(RESULT_CODE).isin(codes.toArray());
    }

    /** Frees the cache (after the last job of a session). */
    public synchronized void release() {
        if (cached && rows != null) {
            rows.unpersist();
        }
    }
}
