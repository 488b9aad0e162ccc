package org.lmsregistry.model.synthetic;

/**
 * The generator's source of randomness: SplitMix64, bit for bit the algorithm of
 * {@link java.util.SplittableRandom#nextLong()} for a {@code new SplittableRandom(seed)}, plus the
 * few samplers the cohort model needs, written out here so that their output is fixed by this file
 * and not by a JDK version.
 *
 * <p>Why not {@code SplittableRandom} itself: its Javadoc promises identical sequences only "in the
 * same program", and {@code nextGaussian()} or bounded {@code nextInt} are JDK implementation
 * details. A cohort must be byte-identical for a seed on every JVM a Spark executor may run, so the
 * 64-bit generator and every transformation are defined here; floating-point functions use
 * {@link StrictMath}, whose results are specified exactly (fdlibm), never {@link Math}, which may
 * differ by an ulp between platforms.
 *
 * <p>Samplers (all by inversion or a closed-form transformation of uniforms, so the number of
 * uniforms consumed is fixed, except {@link #poisson} and the caller's rejection loops):
 * <ul>
 * <li>{@link #nextDouble()}: the top 53 bits of {@code nextLong()} times 2<sup>-53</sup>, in [0, 1);</li>
 * <li>{@link #normal()}: Box-Muller, one value from two uniforms (the sine partner is discarded, so
 * no state is cached between calls);</li>
 * <li>{@link #standardExponential()}: {@code -ln(1 - U)};</li>
 * <li>{@link #poisson(double)}: inversion of the cumulative distribution by sequential search
 * (exact; cost proportional to the mean, which the model keeps below 400);</li>
 * <li>{@link #categorical(double[])}: inversion of the cumulative weights.</li>
 * </ul>
 * Not thread-safe; the generator makes one instance per patient and purpose.
 */
public final class SyntheticRandom {

    /** The SplitMix64 increment (the odd integer closest to 2<sup>64</sup> divided by the golden ratio). */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double TWO_PI = 2 * StrictMath.PI;

    private long state;

    /** A generator whose {@link #nextLong()} sequence equals that of {@code new SplittableRandom(seed)}. */
    public SyntheticRandom(long seed) {
        this.state = seed;
    }

    /** Stafford's "variant 13" 64-bit finaliser, the output function of SplitMix64; a bijection. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The key of one patient: a hash of the cohort seed, the site's position and the patient's index
     * at the site. Every random draw for the patient comes from generators derived from this key, so
     * the patient is a pure function of (seed, site, index).
     */
    public static long patientKey(long seed, int siteIndex, int patientIndex) {
        long h = mix64(seed + GOLDEN_GAMMA);
        h = mix64(h ^ mix64(siteIndex * 0xd1b54a32d192ed03L + 0x632be59bd9b4e019L));
        return mix64(h ^ mix64(patientIndex * 0xabc98388fb8fac03L + 0x8cb92ba72f3d8dd7L));
    }

    /**
     * An independent generator for one purpose (demography, disease, surveillance, ...) of one patient:
     * separate streams keep, for example, the latent disease history unchanged when only a site's
     * surveillance habits change.
     */
    public static SyntheticRandom stream(long patientKey, int purpose) {
        return new SyntheticRandom(mix64(patientKey ^ mix64(0x9fb21c651e98df25L * (purpose + 1L))));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [lo, hi], both inclusive: {@code lo + floor(U * (hi - lo + 1))}. */
    public int uniformInt(int lo, int hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        return lo + (int) StrictMath.floor(nextDouble() * ((long) hi - lo + 1));
    }

    /** True with probability p. */
    public boolean bernoulli(double p) {
        return nextDouble() < p;
    }

    /** Standard normal by Box-Muller: {@code sqrt(-2 ln U1) cos(2 pi U2)} with U1 in (0, 1]. */
    public double normal() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    public double normal(double mean, double sd) {
        return mean + sd * normal();
    }

    /** Log-normal with the given median and standard deviation of the logarithm. */
    public double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * normal());
    }

    /** Exponential with mean 1, by inversion. */
    public double standardExponential() {
        return -StrictMath.log(1.0 - nextDouble());
    }

    /** Exponential with the given mean. */
    public double exponential(double mean) {
        return mean * standardExponential();
    }

    /** Poisson by inversion of its distribution function (sequential search from 0). */
    public int poisson(double mean) {
        if (!(mean >= 0) || mean > 700) {
            throw new IllegalArgumentException("Poisson mean must be in [0, 700], was " + mean);
        }
        double u = nextDouble();
        double p = StrictMath.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u >= cumulative && k < 10_000) {
            k++;
            p *= mean / k;
            cumulative += p;
            if (p == 0.0 && k > mean) {
                break; // the remaining tail is below double precision
            }
        }
        return k;
    }

    /** Index i with probability weights[i] / sum(weights), by inversion. */
    public int categorical(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        // only reachable through rounding at the very top: the last positive weight
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }
}
