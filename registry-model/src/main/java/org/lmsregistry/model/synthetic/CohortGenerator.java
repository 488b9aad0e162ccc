package org.lmsregistry.model.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.RegistryBatch;

/**
 * A synthetic multi-center leiomyosarcoma cohort, generated patient by patient.
 *
 * <p><b>Determinism and partitioning.</b> Each patient is a pure function of (settings, site index,
 * patient index): its random draws come from {@link SyntheticRandom} streams keyed by
 * {@code patientKey(seed, siteIndex, patientIndex)} and nothing is shared between patients. So the
 * same settings give byte-identical records on any machine, in any order, in any number of
 * partitions: a Spark job can give each partition a range of {@linkplain #globalIndex global indices}
 * (or of patient indices of one site) and call {@link #generatePatient(long)} for each, without this
 * class holding the cohort. An instance is immutable and safe to share between threads.
 *
 * <p>Global order (used by {@link #generate()}, {@link #patients()} and {@link #forEachPatient}): site
 * by site in the settings' order, patients by index within a site.
 *
 * <p>The generative model, its planted effects and what recovers them: {@link PlantedEffects},
 * {@link SurveillanceSchedule} and {@code docs/synthetic-data.md}.
 */
public final class CohortGenerator {

    private final CohortSettings settings;
    private final List<Pseudonymiser> pseudonymisers;
    /** offsets[i] = global index of the first patient of site i; offsets[n] = total. */
    private final long[] offsets;

    public CohortGenerator(CohortSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int n = settings.siteCount();
        this.offsets = new long[n + 1];
        List<Pseudonymiser> ps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ps.add(new Pseudonymiser(PatientGenerator.siteKey(settings.seed(), settings.sites().get(i).code())));
            offsets[i + 1] = offsets[i] + settings.patientsPerSite().get(i);
        }
        this.pseudonymisers = List.copyOf(ps);
    }

    /** Generates a whole cohort in memory (for small cohorts; see {@link #forEachPatient} otherwise). */
    public static RegistryBatch generate(CohortSettings settings) {
        return new CohortGenerator(settings).generate();
    }

    public CohortSettings settings() {
        return settings;
    }

    public long totalPatients() {
        return offsets[offsets.length - 1];
    }

    /** One patient: its records and latent history. Depends on nothing but the settings and the two indices. */
    public SyntheticPatient generatePatient(int siteIndex, int patientIndex) {
        Objects.checkIndex(siteIndex, settings.siteCount());
        Objects.checkIndex(patientIndex, settings.patientsPerSite().get(siteIndex));
        return new PatientGenerator(settings, pseudonymisers.get(siteIndex), siteIndex, patientIndex).generate();
    }

    /** The patient at a global index (0 to {@link #totalPatients()} - 1). */
    public SyntheticPatient generatePatient(long globalIndex) {
        Objects.checkIndex(globalIndex, totalPatients());
        int site = siteOf(globalIndex);
        return generatePatient(site, (int) (globalIndex - offsets[site]));
    }

    /** The registry records of one patient. */
    public PatientRecords records(int siteIndex, int patientIndex) {
        return generatePatient(siteIndex, patientIndex).records();
    }

    /** The global index of a patient. */
    public long globalIndex(int siteIndex, int patientIndex) {
        Objects.checkIndex(siteIndex, settings.siteCount());
        Objects.checkIndex(patientIndex, settings.patientsPerSite().get(siteIndex));
        return offsets[siteIndex] + patientIndex;
    }

    /** The site index of a global index. */
    public int siteOf(long globalIndex) {
        Objects.checkIndex(globalIndex, totalPatients());
        // the largest site index i with offsets[i] <= globalIndex (skips sites without patients)
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= globalIndex) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Emits every patient, in global order, to the sink without holding the cohort. */
    public void forEachPatient(Consumer<? super SyntheticPatient> sink) {
        forEachPatient(0, totalPatients(), sink);
    }

    /** Emits the patients with global indices in [from, to), in order: one partition of the cohort. */
    public void forEachPatient(long from, long to, Consumer<? super SyntheticPatient> sink) {
        if (from < 0 || to > totalPatients() || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + totalPatients());
        }
        for (long g = from; g < to; g++) {
            sink.accept(generatePatient(g));
        }
    }

    /**
     * The patients as a lazy stream in global order; {@code .parallel()} gives the same patients (an
     * ordered terminal operation gives the same order).
     */
    public Stream<SyntheticPatient> patients() {
        return LongStream.range(0, totalPatients()).mapToObj(this::generatePatient);
    }

    /** The whole cohort as one batch, records in global patient order. */
    public RegistryBatch generate() {
        RegistryBatch.Builder builder = new RegistryBatch.Builder();
        forEachPatient(p -> p.records().addTo(builder));
        return builder.build();
    }

    /** The site codes, in order. */
    public List<String> siteCodes() {
        return settings.sites().stream().map(SiteProfile::code).toList();
    }
}
