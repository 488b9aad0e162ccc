package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
 * When several of those jobs run in one session ({@code analyse}), the rows are cached once, restricted to the
 * cohort's patients when the cohort is not the whole registry, so that the study table is read and its strings
 * decoded and compared once instead of once per job. The cache holds each study as two numbers, the patient key
 * and its day, codes and confirmation packed into one long ({@link #pack}), next to the two values outside the
 * vocabularies (almost always null): Spark builds its in-memory columns one column at a time (compressing them
 * too, unless the session turns that off as local runs do), and two columns cost less to build than six; the
 * jobs read the usual columns, unpacked as they scan. A single job
 * reads the rows straight from the source: caching costs more than it saves for one reader.
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
    /** The packed rows in Spark's cache (cached only). */
    private Dataset<Row> packed;
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
                packed = (wholeRegistry ? coded : coded.join(ctx.patientLevel(cohort.patients()
                        .select(col(PatientTable.KEY))), PatientTable.KEY, "left_semi"))
                        .select(col(PatientTable.KEY), pack().as(PACKED), col(MODALITY_OTHER), col(REGION_OTHER))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                rows = unpack(packed);
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

    /** The column of the cache that holds a study's day, codes and confirmation ({@link #pack}). */
    static final String PACKED = "packed";

    /** Bits of each vocabulary code in {@link #pack}: room for 15 values (the vocabularies hold at most 5). */
    private static final int CODE_BITS = 4;
    private static final int CONFIRMED_SHIFT = 0;
    private static final int RESULT_SHIFT = 2;
    private static final int REGION_SHIFT = RESULT_SHIFT + CODE_BITS;
    private static final int MODALITY_SHIFT = REGION_SHIFT + CODE_BITS;
    private static final int NO_DAY_SHIFT = MODALITY_SHIFT + CODE_BITS;
    private static final int DAY_SHIFT = NO_DAY_SHIFT + 1;
    /** Added to the day so that every int day packs as an unsigned 32-bit number. */
    private static final long DAY_OFFSET = 1L << 31;

    static {
        for (Enum<?>[] vocabulary : List.of(Modality.values(), BodyRegion.values(), SurveillanceResult.values())) {
            if (vocabulary.length >= 1 << CODE_BITS) {
                throw new ExceptionInInitializerError(vocabulary.length + " values do not fit " + CODE_BITS + " bits");
            }
        }
    }

    /**
     * One study's day, codes and confirmation as one long (47 bits), from the coded columns: from the lowest bit,
     * {@code finding_confirmed} (2 bits: 0 null, 1 false, 2 true), the result, body region and modality codes
     * (4 bits each), whether the day is null (1 bit), and the day plus 2^31 (32 bits, 0 when null).
     * {@link #unpack} gives the columns back exactly; {@code SurveillanceStudiesTest} checks it on every kind of
     * value, null days and values outside the vocabularies included.
     */
    static Column pack() {
        Column confirmed = functions.when(col(FINDING_CONFIRMED).isNull(), 0L)
                .when(col(FINDING_CONFIRMED), 2L).otherwise(1L);
        Column day = functions.when(col(DAY).isNull(), lit(1L << NO_DAY_SHIFT))
                .otherwise(col(DAY).cast(DataTypes.LongType).plus(DAY_OFFSET).multiply(1L << DAY_SHIFT));
        return day.plus(col(MODALITY_CODE).cast(DataTypes.LongType).multiply(1L << MODALITY_SHIFT))
                .plus(col(REGION_CODE).cast(DataTypes.LongType).multiply(1L << REGION_SHIFT))
                .plus(col(RESULT_CODE).cast(DataTypes.LongType).multiply(1L << RESULT_SHIFT))
                .plus(confirmed.multiply(1L << CONFIRMED_SHIFT));
    }

    /** The rows' usual columns, in their usual order, from the packed cache. */
    static Dataset<Row> unpack(Dataset<Row> packedRows) {
        Column p = col(PACKED);
        Column confirmed = bits(p, CONFIRMED_SHIFT, 2);
        return packedRows.select(col(PatientTable.KEY),
                functions.when(bits(p, NO_DAY_SHIFT, 1).equalTo(1L), lit(null).cast(DataTypes.IntegerType))
                        .otherwise(functions.shiftright(p, DAY_SHIFT).minus(DAY_OFFSET).cast(DataTypes.IntegerType))
                        .as(DAY),
                bits(p, MODALITY_SHIFT, CODE_BITS).cast(DataTypes.ByteType).as(MODALITY_CODE),
                col(MODALITY_OTHER),
                bits(p, REGION_SHIFT, CODE_BITS).cast(DataTypes.ByteType).as(REGION_CODE),
                col(REGION_OTHER),
                bits(p, RESULT_SHIFT, CODE_BITS).cast(DataTypes.ByteType).as(RESULT_CODE),
                functions.when(confirmed.equalTo(0L), lit(null).cast(DataTypes.BooleanType))
                        .otherwise(confirmed.equalTo(2L)).as(FINDING_CONFIRMED));
    }

    private static Column bits(Column packed, int shift, int width) {
        return functions.shiftright(packed, shift).bitwiseAND((1L << width) - 1);
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
        if (packed != null) {
            packed.unpersist();
        }
    }
}
