package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.TestSpark;

/**
 * Summaries from value counts equal those of the expanded sample: quantiles as R's type 7 and as Spark's exact
 * {@code percentile} on the expanded rows, mean and standard deviation as Spark's {@code mean} and
 * {@code stddev_samp}.
 */
class CountedValuesTest {

    private static CountedValues of(double... sample) {
        Map<Double, Long> counts = new TreeMap<>();
        for (double v : sample) {
            counts.merge(v, 1L, Long::sum);
        }
        return CountedValues.of(counts);
    }

    @Test
    void quantilesAreRType7() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) -> 2 3 4; quantile(c(1, 2), .25) -> 1.25;
        // quantile(c(3, 1, 1, 7), c(.25, .5, .75)) -> 1.0 2.0 4.0; quantile(c(5, 1, 9, 3), .75) -> 6
        CountedValues a = of(1, 2, 3, 4, 10);
        assertThat(new double[] {a.quantile(0.25), a.quantile(0.5), a.quantile(0.75)}).containsExactly(2, 3, 4);
        assertThat(of(1, 2).quantile(0.25)).isEqualTo(1.25);
        CountedValues b = of(3, 1, 1, 7);
        assertThat(new double[] {b.quantile(0.25), b.quantile(0.5), b.quantile(0.75)}).containsExactly(1, 2, 4);
        assertThat(of(5, 1, 9, 3).quantile(0.75)).isEqualTo(6);
        assertThat(of(42).quantile(0.5)).isEqualTo(42);
        assertThat(of(1, 2, 3, 4, 10).quantile(0)).isEqualTo(1);
        assertThat(of(1, 2, 3, 4, 10).quantile(1)).isEqualTo(10);
        // R: mean 4, sd(c(1, 2, 3, 4, 10)) = 3.535533905932738
        assertThat(a.mean()).isEqualTo(4);
        assertThat(a.sd()).isCloseTo(3.535533905932738, within(1e-15));
        assertThat(of(42).sd()).isNaN();
    }

    @Test
    void equalsSparkOnTheExpandedRows() {
        Random random = new Random(7);
        List<Integer> sample = new ArrayList<>();
        Map<Double, Long> counts = new TreeMap<>();
        for (int i = 0; i < 2001; i++) {
            // many ties, and a few far values
            int v = i % 97 == 0 ? 5000 + random.nextInt(1000) : random.nextInt(60);
            sample.add(v);
            counts.merge(v / 365.25, 1L, Long::sum);
        }
        Dataset<Row> rows = TestSpark.session().createDataset(sample, Encoders.INT()).toDF("v")
                .select(functions.col("v").cast("double").divide(365.25).as("v"));
        Row spark = rows.agg(functions.expr("percentile(v, array(0.25, 0.5, 0.75, 0.1, 0.9))"), functions.mean("v"),
                functions.stddev_samp("v")).first();
        List<Double> q = spark.getList(0);
        CountedValues c = CountedValues.of(counts);
        assertThat(c.n()).isEqualTo(2001);
        double[] p = {0.25, 0.5, 0.75, 0.1, 0.9};
        for (int i = 0; i < p.length; i++) {
            assertThat(c.quantile(p[i])).as("quantile %s", p[i]).isCloseTo(q.get(i), within(1e-12 * q.get(i)));
        }
        assertThat(c.mean()).isCloseTo(spark.getDouble(1), within(1e-12 * spark.getDouble(1)));
        assertThat(c.sd()).isCloseTo(spark.getDouble(2), within(1e-12 * spark.getDouble(2)));
    }

    @Test
    void rejectsCountsThatAreNotASample() {
        assertThatIllegalArgumentException().isThrownBy(() -> CountedValues.of(Map.of(3.0, 0L)))
                .withMessage("count 0 of value 3.0 is not a positive count");
        assertThatIllegalArgumentException().isThrownBy(() -> CountedValues.of(Map.of(Double.NaN, 2L)))
                .withMessage("value NaN is not a finite number");
        assertThatIllegalArgumentException().isThrownBy(() -> of(1, 2).quantile(1.5))
                .withMessage("probability 1.5 is not in [0, 1]");
        assertThat(CountedValues.of(Map.of()).n()).isZero();
        assertThat(CountedValues.of(Map.of()).mean()).isNaN();
    }
}
