package org.lmsregistry.analysis.cohort;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.Tumour;

/** The patient table's grade expression and join key. */
class PatientTableTest {

    private static final String PSEUDONYM = "a".repeat(63) + "1";

    @Test
    void theGradeExpressionGivesTumourGradeForEveryCombination() {
        // every differentiation score, mitoses at and around the band limits, every necrosis, every stated grade,
        // and each component unknown
        List<Integer> differentiations = Arrays.asList(null, 1, 2, 3);
        List<Integer> mitoses = Arrays.asList(null, 0, 9, 10, 19, 20, 500);
        List<TumourNecrosis> necroses = new ArrayList<>(Arrays.asList(TumourNecrosis.values()));
        necroses.add(null);
        List<FnclccGrade> stated = new ArrayList<>(Arrays.asList(FnclccGrade.values()));
        stated.add(null);
        List<Row> rows = new ArrayList<>();
        int byTumour = 0;
        for (Integer d : differentiations) {
            for (Integer m : mitoses) {
                for (TumourNecrosis n : necroses) {
                    for (FnclccGrade s : stated) {
                        FnclccGrade expected;
                        try {
                            expected = new Tumour("NORTH", PSEUDONYM, PrimaryLocation.UTERUS, TumourDepth.DEEP, 95, d, m,
                                    n, s, null, null).grade();
                            byTumour++;
                        } catch (RuntimeException notARecord) {
                            // the registry refuses this tumour (e.g. a stated grade that disagrees with the
                            // components); the table still grades what a source holds, by the same rule
                            expected = d != null && m != null && n != null ? FnclccGrade.derive(d, m, n) : s;
                        }
                        rows.add(RowFactory.create(d, m, n == null ? null : n.name(), s == null ? null : s.name(),
                                expected == null ? null : expected.name()));
                    }
                }
            }
        }
        StructType schema = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
                DataTypes.createStructField("d", DataTypes.IntegerType, true),
                DataTypes.createStructField("m", DataTypes.IntegerType, true),
                DataTypes.createStructField("n", DataTypes.StringType, true),
                DataTypes.createStructField("s", DataTypes.StringType, true),
                DataTypes.createStructField("expected", DataTypes.StringType, true)});
        Dataset<Row> grades = TestSpark.session().createDataFrame(rows, schema)
                .withColumn("grade", PatientTable.grade(col("d"), col("m"), col("n"), col("s")));
        List<Row> wrong = grades.where(col("grade").eqNullSafe(col("expected")).unary_$bang()).collectAsList();
        assertThat(wrong).as("combinations graded differently from Tumour.grade()").isEmpty();
        assertThat(grades.count()).isEqualTo(4 * 7 * 4 * 4);
        // 3 x 3 x 3 complete component sets (x the 2 stated grades they allow: none or the agreeing one) and
        // the incomplete ones with a stated grade are records the registry accepts
        assertThat(byTumour).isGreaterThanOrEqualTo(54);
        assertThat(grades.where(col("grade").equalTo("G3")).count()).isPositive();
    }

    @Test
    void theHashedAndTheStringKeyGiveTheSameTable() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> hashed = PatientTable.of(data);
        assertThat(hashed.schema().apply(PatientTable.KEY).dataType()).isEqualTo(DataTypes.LongType);
        Dataset<Row> string = PatientTable.build(data, PatientTable.stringKey());
        assertThat(hashed.count()).isEqualTo(3000);
        assertThat(hashed.drop(PatientTable.KEY).exceptAll(string.drop(PatientTable.KEY)).count()).isZero();
        assertThat(string.drop(PatientTable.KEY).exceptAll(hashed.drop(PatientTable.KEY)).count()).isZero();
    }

    @Test
    void aHashThatCollidesIsNotUsed() {
        RegistryData data = TestRegistry.data();
        // a deliberately weak hash: the site alone, shared by hundreds of patients
        org.apache.spark.sql.Column weak = org.apache.spark.sql.functions.xxhash64(col(PatientTable.SITE));
        assertThat(PatientTable.collisionFree(data.table(org.lmsregistry.model.record.RecordType.PATIENT), weak))
                .isFalse();
        assertThat(PatientTable.collisionFree(data.table(org.lmsregistry.model.record.RecordType.PATIENT),
                PatientTable.hashedKey())).isTrue();
        Dataset<Row> table = PatientTable.of(data, weak);
        assertThat(table.schema().apply(PatientTable.KEY).dataType()).isEqualTo(DataTypes.StringType);
        assertThat(table.count()).isEqualTo(3000);
        assertThat(table.select(PatientTable.KEY).distinct().count()).isEqualTo(3000);
    }
}
