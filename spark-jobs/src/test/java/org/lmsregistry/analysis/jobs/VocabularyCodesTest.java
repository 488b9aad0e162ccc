package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.code.Modality;

/**
 * Grouping on {@link Vocabulary} codes and labelling after the aggregation gives the groups of the strings
 * themselves: every name of the vocabulary, a value outside it (its own group, not lumped with another) and
 * null.
 */
class VocabularyCodesTest {

    @Test
    void groupsOnCodesAreTheGroupsOfTheNames() {
        List<Row> rows = new ArrayList<>();
        for (Modality m : Modality.values()) {
            for (int i = 0; i <= m.ordinal(); i++) {
                rows.add(RowFactory.create(m.name()));
            }
        }
        rows.addAll(List.of(RowFactory.create("SPECT"), RowFactory.create("SPECT"), RowFactory.create("spect"),
                RowFactory.create((Object) null), RowFactory.create("")));
        Dataset<Row> t = TestSpark.session().createDataFrame(rows, new StructType().add("modality",
                DataTypes.StringType, true));

        Map<String, Long> byName = counts(t.groupBy(col("modality")).agg(count(lit(1))).collectAsList());
        Map<String, Long> byCode = counts(t.groupBy(Vocabulary.code(col("modality"), Modality.values()).as("c"),
                Vocabulary.other(col("modality"), Modality.values()).as("o")).agg(count(lit(1)))
                .select(Vocabulary.label(col("c"), col("o"), Modality.values()), col("count(1)")).collectAsList());

        assertThat(byCode).isEqualTo(byName).containsEntry("SPECT", 2L).containsEntry("spect", 1L)
                .containsEntry("", 1L).containsEntry("null", 1L).containsEntry(Modality.values()[1].name(), 2L)
                .hasSize(Modality.values().length + 4);
        // vocabulary values are carried by their code alone
        assertThat(t.where(Vocabulary.other(col("modality"), Modality.values()).isNotNull()).count()).isEqualTo(4);
        assertThat(t.select(Vocabulary.code(col("modality"), Modality.values())).distinct().count())
                .isEqualTo(Modality.values().length + 1);
    }

    private static Map<String, Long> counts(List<Row> rows) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : rows) {
            assertThat(out.put(String.valueOf(r.get(0)), r.getLong(1))).as(Arrays.toString(new Object[] {r})).isNull();
        }
        return out;
    }
}
