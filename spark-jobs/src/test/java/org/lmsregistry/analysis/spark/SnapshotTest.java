package org.lmsregistry.analysis.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

class SnapshotTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void parallelGenerationWritesTheSameInterchangeFilesAsTheSingleThreadedGenerator() throws Exception {
        CohortSettings settings = CohortSettings.ofTotal(99L, 3, 120);
        Path expected = TestRegistry.newFolder("expected");
        InterchangeFolder.write(CohortGenerator.generate(settings), expected);
        Path actual = TestRegistry.newFolder("actual").resolve("csv");
        RegistryData data = SyntheticRegistry.generate(spark, settings, 7);
        InterchangeWriter.write(data, actual.toString());
        for (RecordType t : RecordType.values()) {
            assertThat(Files.readString(actual.resolve(t.fileName()), StandardCharsets.UTF_8))
                    .as(t.fileName()).isEqualTo(Files.readString(expected.resolve(t.fileName())));
        }
        // and reading them back gives the same content checksum
        assertThat(RegistrySources.csv(spark, actual.toString()).checksum()).isEqualTo(data.checksum());
        data.unpersist();
    }

    @Test
    void checksumDoesNotDependOnPartitioningFileLayoutOrSource() {
        RegistryData generated = TestRegistry.data();
        RegistryData fromCsv = RegistrySources.read(spark, TestRegistry.csvFolder().toString(), false);
        assertThat(fromCsv.source().kind()).isEqualTo("csv");
        assertThat(fromCsv.checksum()).isEqualTo(generated.checksum());
        RegistryData snapshot = RegistrySources.read(spark, TestRegistry.snapshotFolder().toString(), true);
        assertThat(snapshot.source().kind()).isEqualTo("parquet");
        assertThat(snapshot.checksum()).isEqualTo(generated.checksum());

        // the same data in other partitionings and another row order
        Path other = TestRegistry.newFolder("repartitioned").resolve("snapshot");
        Map<RecordType, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> shuffled = new java.util.EnumMap<>(
                RecordType.class);
        for (RecordType t : RecordType.values()) {
            shuffled.put(t, generated.table(t).repartition(5).sortWithinPartitions(RegistrySchema.columns(t)[1]));
        }
        RegistryData reshuffled = RegistrySources.fromTables(shuffled, "memory", "shuffled", 0);
        assertThat(reshuffled.checksum()).isEqualTo(generated.checksum());
        Map<String, Object> manifest = Snapshots.write(reshuffled, other.toString(), 3, Map.of());
        assertThat(manifest.get("checksum")).isEqualTo(generated.checksum());
        assertThat(RegistrySources.parquet(spark, other.toString(), true).checksum()).isEqualTo(generated.checksum());
        fromCsv.unpersist();
    }

    @Test
    void manifestRecordsCountsChecksumVersionAndParameters() {
        Map<String, Object> m = RegistrySources.readManifest(TestRegistry.snapshotFolder().toString());
        assertThat(m).containsKeys("format", "formatVersion", "checksum", "tables", "software", "created");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) m.get("tables");
        assertThat(tables).containsOnlyKeys(java.util.Arrays.stream(RecordType.values()).map(RecordType::baseName)
                .toArray(String[]::new));
        assertThat(((Number) tables.get("patients").get("rows")).longValue()).isEqualTo(3000);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) m.get("created");
        assertThat(created.get("parameters")).isEqualTo(Map.of("test", true));
    }

    @Test
    void changedSnapshotFilesFailVerification() throws Exception {
        Path copy = TestRegistry.newFolder("tampered").resolve("snapshot");
        Snapshots.write(TestRegistry.data(), copy.toString(), 2, Map.of());
        try (var files = Files.list(copy.resolve("outcome_events"))) {
            Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.delete(part);
        }
        assertThat(RegistrySources.parquet(spark, copy.toString(), false).checksum())
                .isEqualTo(TestRegistry.data().checksum());
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), true))
                .isInstanceOf(InvalidSourceException.class).hasMessageContaining("does not match its manifest");
    }

    @Test
    void aBrokenRowStopsTheSnapshotAndWritesNothing() throws Exception {
        Path csv = TestRegistry.newFolder("broken");
        for (RecordType t : List.of(RecordType.PATIENT, RecordType.TUMOUR)) {
            Files.copy(TestRegistry.csvFolder().resolve(t.fileName()), csv.resolve(t.fileName()));
        }
        List<String> lines = Files.readAllLines(csv.resolve("patients.csv"));
        lines.set(3, lines.get(3).replace(",FEMALE,", ",female,").replace(",MALE,", ",male,"));
        Files.write(csv.resolve("patients.csv"), lines);
        Path out = csv.getParent().resolve(csv.getFileName() + "-snapshot");
        assertThatThrownBy(() -> Snapshots.write(RegistrySources.csv(spark, csv.toString()), out.toString(), 0, Map.of()))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("1 rows that break")
                .hasMessageContaining("patients.csv")
                .hasMessageContaining("sex");
        assertThat(out).doesNotExist();
    }
}
