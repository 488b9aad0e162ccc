package org.lmsregistry.analysis.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSessionSmokeTest {

    @Test
    void sharedSessionRunsLocallyInUtc() {
        SparkSession spark = TestSpark.session();
        assertThat(spark.range(0, 1000).selectExpr("sum(id)").first().getLong(0)).isEqualTo(499500L);
        assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
        assertThat(SparkSessions.master(spark)).isEqualTo("local[2]");
    }
}
