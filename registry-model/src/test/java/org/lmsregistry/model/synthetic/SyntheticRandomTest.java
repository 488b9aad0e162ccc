package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SyntheticRandomTest {

    private static final int N = 200_000;

    @Test
    void theBitsAreThoseOfSplittableRandom() {
        for (long seed : new long[] {0L, 1L, -7L, 0x123456789abcdefL}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SyntheticRandom ours = new SyntheticRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            }
        }
    }

    @Test
    void patientKeysDifferBySeedSiteAndIndex() {
        long k = SyntheticRandom.patientKey(1, 2, 3);
        assertThat(k).isNotEqualTo(SyntheticRandom.patientKey(2, 2, 3))
                .isNotEqualTo(SyntheticRandom.patientKey(1, 3, 3))
                .isNotEqualTo(SyntheticRandom.patientKey(1, 2, 4))
                .isNotEqualTo(SyntheticRandom.patientKey(1, 3, 2));
        assertThat(SyntheticRandom.stream(k, 1).nextLong()).isNotEqualTo(SyntheticRandom.stream(k, 2).nextLong());
    }

    @Test
    void samplersHaveTheirMoments() {
        SyntheticRandom r = new SyntheticRandom(99);
        double sum = 0;
        double sumSq = 0;
        double expSum = 0;
        double poissonSum = 0;
        double poissonSq = 0;
        double uniformSum = 0;
        int[] dice = new int[6];
        for (int i = 0; i < N; i++) {
            double z = r.normal();
            sum += z;
            sumSq += z * z;
            expSum += r.exponential(2.0);
            int k = r.poisson(20);
            poissonSum += k;
            poissonSq += (double) k * k;
            uniformSum += r.nextDouble();
            dice[r.uniformInt(1, 6) - 1]++;
        }
        assertThat(sum / N).isCloseTo(0, offset(0.01));
        assertThat(sumSq / N).isCloseTo(1, offset(0.015));
        assertThat(expSum / N).isCloseTo(2, offset(0.02));
        double poissonMean = poissonSum / N;
        assertThat(poissonMean).isCloseTo(20, offset(0.05));
        assertThat(poissonSq / N - poissonMean * poissonMean).isCloseTo(20, offset(0.4));
        assertThat(uniformSum / N).isCloseTo(0.5, offset(0.003));
        for (int d : dice) {
            assertThat((double) d / N).isCloseTo(1 / 6.0, offset(0.004));
        }
        assertThat(new SyntheticRandom(5).poisson(0)).isZero();
        double[] w = {0.2, 0, 0.8};
        int[] c = new int[3];
        for (int i = 0; i < N; i++) {
            c[r.categorical(w)]++;
        }
        assertThat(c[1]).isZero();
        assertThat((double) c[0] / N).isCloseTo(0.2, offset(0.005));
    }
}
