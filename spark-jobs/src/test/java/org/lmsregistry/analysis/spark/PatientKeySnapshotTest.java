package org.lmsregistry.analysis.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.RecordType;

/** Format version 2 snapshots: the stored patient key, its checks, and reading every version. */
class PatientKeySnapshotTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void everyRowOfEveryTableCarriesTheHashOfItsSiteAndPseudonym() {
        Path v2 = TestRegistry.snapshotFolder();
        Map<String, Object> m = RegistrySources.readManifest(v2.toString());
        assertThat(m.get("formatVersion")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) m.get("patientKey");
        assertThat(key).containsEntry("present", true).containsEntry("column", "patient_key")
                .containsEntry("expression", "xxhash64(site_code, patient_pseudonym)");
        assertThat((String) key.get("check")).contains("3000 patient rows, 3000 distinct keys");
        for (RecordType t : RecordType.values()) {
            // the files themselves, read without a schema: the column is there, and equals Spark's hash
            Dataset<Row> files = spark.read().parquet(v2.resolve(t.baseName()).toString());
            assertThat(files.columns()).as(t.baseName()).endsWith(PatientKey.COLUMN);
            assertThat(files.count()).as(t.baseName()).isEqualTo(TestRegistry.data().table(t).count()).isPositive();
            Column expected = functions.xxhash64(col("site_code"), col("patient_pseudonym"));
            assertThat(files.where(col(PatientKey.COLUMN).eqNullSafe(expected).unary_$bang()).count())
                    .as(t.baseName() + " rows whose key is not xxhash64 of the strings").isZero();
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) m.get("tables");
        assertThat(tables.get("tumours")).containsEntry("onePerPatient", true);
        assertThat(tables.get("imaging_features")).containsEntry("onePerPatient", true);
        assertThat(tables.get("imaging_studies")).doesNotContainKey("onePerPatient");
        assertThat((String) tables.get("imaging_studies").get("columns")).endsWith(",patient_key:bigint>");

        RegistryData read = RegistrySources.parquet(spark, v2.toString(), true);
        assertThat(read.carriesPatientKey()).isTrue();
        assertThat(read.oneRowPerPatient(RecordType.TUMOUR)).contains(true);
        assertThat(read.oneRowPerPatient(RecordType.IMAGING_STUDY)).isEmpty();
        assertThat(read.table(RecordType.IMAGING_STUDY).columns()).endsWith(PatientKey.COLUMN);
    }

    @Test
    void theChecksumIsTheSameForCsvVersion1AndVersion2AndNothingExportedShowsTheKey() throws Exception {
        String checksum = TestRegistry.data().checksum();
        RegistryData csv = RegistrySources.read(spark, TestRegistry.csvFolder().toString(), false);
        assertThat(csv.checksum()).isEqualTo(checksum);
        csv.unpersist();
        RegistryData v1 = RegistrySources.read(spark, TestSnapshots.version1().toString(), true);
        RegistryData v2 = RegistrySources.read(spark, TestRegistry.snapshotFolder().toString(), true);
        assertThat(v1.checksum()).isEqualTo(checksum);
        assertThat(v2.checksum()).isEqualTo(checksum);
        assertThat(RegistrySources.readManifest(TestRegistry.snapshotFolder().toString()).get("checksum"))
                .isEqualTo(checksum);
        assertThat(v1.carriesPatientKey()).isFalse();
        assertThat(v1.table(RecordType.PATIENT).columns()).doesNotContain(PatientKey.COLUMN);
        assertThat(v1.oneRowPerPatient(RecordType.TUMOUR)).isEmpty();

        // the interchange files written from a version 2 snapshot hold the registry's lines (in the snapshot's
        // row order) and nothing else
        Path exported = TestRegistry.newFolder("from-v2").resolve("csv");
        InterchangeWriter.write(v2, exported.toString());
        for (RecordType t : RecordType.values()) {
            List<String> written = Files.readAllLines(exported.resolve(t.fileName()), StandardCharsets.UTF_8);
            List<String> expected = Files.readAllLines(TestRegistry.csvFolder().resolve(t.fileName()),
                    StandardCharsets.UTF_8);
            assertThat(written.get(0)).as(t.fileName()).doesNotContain(PatientKey.COLUMN).isEqualTo(expected.get(0));
            assertThat(written).as(t.fileName()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void whenTwoPatientsShareAKeyNoKeyIsWrittenAndTheSnapshotReadsLikeVersion1() {
        Path collided = TestSnapshots.collided();
        Map<String, Object> m = RegistrySources.readManifest(collided.toString());
        assertThat(m.get("formatVersion")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) m.get("patientKey");
        assertThat(key).containsEntry("present", false);
        assertThat((String) key.get("check")).contains("3000 patient rows, 5 distinct keys").contains("not written");
        assertThat(Snapshots.patientKeyNote(m)).startsWith("NO patient key column written");
        for (RecordType t : RecordType.values()) {
            assertThat(spark.read().parquet(collided.resolve(t.baseName()).toString()).columns()).as(t.baseName())
                    .containsExactly(RegistrySchema.columns(t));
        }
        RegistryData read = RegistrySources.parquet(spark, collided.toString(), true);
        assertThat(read.carriesPatientKey()).isFalse();
        assertThat(read.checksum()).isEqualTo(TestRegistry.data().checksum());
        assertThat(read.patientKey().toString()).contains("xxhash64");
    }

    @Test
    void aVersion2SnapshotWrittenAgainKeepsItsChecksumAndKey() {
        Path again = TestRegistry.newFolder("again").resolve("snapshot");
        RegistryData v2 = RegistrySources.parquet(spark, TestRegistry.snapshotFolder().toString(), true);
        Map<String, Object> m = Snapshots.write(v2, again.toString(), 1, Map.of());
        assertThat(m.get("checksum")).isEqualTo(TestRegistry.data().checksum());
        RegistryData read = RegistrySources.parquet(spark, again.toString(), true);
        assertThat(read.carriesPatientKey()).isTrue();
        assertThat(read.table(RecordType.IMAGING_STUDY).exceptAll(v2.table(RecordType.IMAGING_STUDY)).count()).isZero();
    }

    @Test
    void aTableWithoutTheKeyColumnIsRefusedNamingTableColumnAndRule() throws Exception {
        Path copy = copyOfVersion2("no-key");
        // one table rewritten without its key column, the manifest left as it was
        replaceTable(copy, RecordType.OUTCOME_EVENT, t -> t.drop(PatientKey.COLUMN));
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), false))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("table outcome_events")
                .hasMessageContaining("column patient_key is missing")
                .hasMessageContaining("format version 2")
                .hasMessageContaining("every file of every table");
    }

    @Test
    void aKeyColumnOfAnotherTypeIsRefused() throws Exception {
        Path copy = copyOfVersion2("string-key");
        replaceTable(copy, RecordType.TREATMENT, t -> t.withColumn(PatientKey.COLUMN,
                col(PatientKey.COLUMN).cast("string")));
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), false))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("table treatments")
                .hasMessageContaining("column patient_key is")
                .hasMessageContaining("not a 64-bit integer");
    }

    @Test
    void keysThatDoNotMatchTheStringsFailVerification() throws Exception {
        Path copy = copyOfVersion2("wrong-key");
        replaceTable(copy, RecordType.IMAGING_STUDY, t -> t.withColumn(PatientKey.COLUMN,
                functions.when(col("day").lt(100), col(PatientKey.COLUMN).plus(1)).otherwise(col(PatientKey.COLUMN))));
        // the checksum (of the interchange columns) still matches: only the key check finds it
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), true))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("table imaging_studies, column patient_key")
                .hasMessageContaining("rows where it is not xxhash64(site_code, patient_pseudonym)");
    }

    @Test
    void aManifestThatClaimsOneRowPerPatientWronglyFailsVerification() throws Exception {
        Path copy = copyOfVersion2("claims");
        Map<String, Object> m = new LinkedHashMap<>(RegistrySources.readManifest(copy.toString()));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) m.get("tables");
        tables.get("outcome_events").put("onePerPatient", true);
        Storage.writeString(copy.resolve(RegistrySources.MANIFEST).toString(), Snapshots.toJson(m));
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), true))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("table outcome_events, column patient_key: two rows share a key");
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        Path copy = copyOfVersion2("version3");
        Map<String, Object> m = new LinkedHashMap<>(RegistrySources.readManifest(copy.toString()));
        m.put("formatVersion", 3);
        Storage.writeString(copy.resolve(RegistrySources.MANIFEST).toString(), Snapshots.toJson(m));
        assertThatThrownBy(() -> RegistrySources.parquet(spark, copy.toString(), false))
                .isInstanceOf(InvalidSourceException.class)
                .hasMessageContaining("formatVersion 3 is not one this software reads (1 to 2)");
    }

    @Test
    void onlyAVersion2ManifestThatRecordsTheKeyMakesTheTablesCarryIt() {
        assertThat(RegistryData.recordsPatientKey(Map.of("formatVersion", 2, "patientKey", Map.of("present", true))))
                .isTrue();
        assertThat(RegistryData.recordsPatientKey(Map.of("formatVersion", 2, "patientKey", Map.of("present", false))))
                .isFalse();
        assertThat(RegistryData.recordsPatientKey(Map.of("formatVersion", 1, "patientKey", Map.of("present", true))))
                .isFalse();
        assertThat(RegistryData.recordsPatientKey(Map.of("formatVersion", 2))).isFalse();
    }

    private Path copyOfVersion2(String name) throws Exception {
        Path copy = TestRegistry.newFolder(name).resolve("snapshot");
        Path from = TestRegistry.snapshotFolder();
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    private void replaceTable(Path snapshot, RecordType t,
            java.util.function.UnaryOperator<Dataset<Row>> change) throws Exception {
        Path folder = snapshot.resolve(t.baseName());
        Path moved = snapshot.resolveSibling(snapshot.getFileName() + "-" + t.baseName());
        Files.move(folder, moved);
        change.apply(spark.read().parquet(moved.toString())).write().mode(SaveMode.ErrorIfExists)
                .parquet(folder.toString());
        assertThat(Arrays.asList(spark.read().parquet(folder.toString()).columns())).isNotEmpty();
    }
}
