package org.lmsregistry.analysis.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.lmsregistry.model.interchange.CsvRecordReader;
import org.lmsregistry.model.interchange.ParsedRow;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import scala.Tuple2;

/**
 * Reads the registry into Spark from a Parquet snapshot ({@link Snapshots}), an interchange CSV folder
 * or records in memory.
 */
public final class RegistrySources {

    /** The manifest's file name in a snapshot folder. */
    public static final String MANIFEST = "manifest.json";

    /** Problems listed in an error message at most. */
    static final int MAX_LISTED_PROBLEMS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistrySources() {
    }

    /**
     * Reads a source folder: a snapshot when it has a {@code manifest.json}, else an interchange CSV
     * folder.
     *
     * @param verify for a snapshot, recompute the checksum from the rows and compare it with the manifest
     */
    public static RegistryData read(SparkSession spark, String location, boolean verify) {
        if (!Storage.exists(location)) {
            throw new InvalidSourceException("source " + location + " does not exist");
        }
        if (!Storage.isDirectory(location)) {
            throw new InvalidSourceException("source " + location + " is not a folder: give a snapshot folder "
                    + "(with " + MANIFEST + ") or a folder of interchange CSV files (patients.csv, ...)");
        }
        if (Storage.exists(Storage.child(location, MANIFEST))) {
            return parquet(spark, location, verify);
        }
        return csv(spark, location);
    }

    /**
     * Reads a Parquet snapshot; the checksum comes from its manifest (or is recomputed and compared). Format
     * version 1 has the interchange columns only; version 2 adds the patient key ({@link PatientKey}) to every
     * table when its manifest says so, and every Parquet file's footer is checked to hold it. With
     * {@code verify}, the key's values are also recomputed and compared, as are the manifest's "one row per
     * patient" and "no two patients share a key".
     */
    public static RegistryData parquet(SparkSession spark, String location, boolean verify) {
        Map<String, Object> manifest = readManifest(location);
        Object checksum = manifest.get("checksum");
        if (!(checksum instanceof String)) {
            throw new InvalidSourceException(Storage.child(location, MANIFEST) + " has no checksum");
        }
        Object version = manifest.get("formatVersion");
        if (!(version instanceof Integer v) || v < 1 || v > Snapshots.FORMAT_VERSION) {
            throw new InvalidSourceException(Storage.child(location, MANIFEST) + ": formatVersion " + version
                    + " is not one this software reads (1 to " + Snapshots.FORMAT_VERSION + ")");
        }
        boolean keyed = RegistryData.recordsPatientKey(manifest);
        if (keyed) {
            checkKeyColumns(spark, location);
        }
        Map<RecordType, Dataset<Row>> tables = parquetTables(spark, location, keyed).tables();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Object> manifestTables = asMap(manifest.get("tables"));
        for (RecordType t : RecordType.values()) {
            Object info = manifestTables.get(t.baseName());
            rows.put(t.baseName(), info == null ? 0L : ((Number) asMap(info).get("rows")).longValue());
        }
        if (verify) {
            String actual = ContentChecksum.checksum(ContentChecksum.digests(tables));
            if (!actual.equals(checksum)) {
                throw new InvalidSourceException("snapshot " + location + " does not match its manifest: checksum "
                        + actual + " computed from the rows, " + checksum + " in " + MANIFEST
                        + " (files were changed, added or removed after the snapshot was taken)");
            }
        }
        RegistryData data = new RegistryData(tables, new RegistryData.Source("parquet", Storage.uri(location),
                (String) checksum, verify, rows, 0, manifest));
        if (verify && keyed) {
            verifyKeys(data, location);
        }
        return data;
    }

    /** The rule a snapshot with the patient key follows, quoted in errors. */
    private static final String KEY_RULE = "a snapshot of format version 2 whose manifest records patientKey.present "
            + "holds " + PatientKey.COLUMN + " (bigint, " + PatientKey.EXPRESSION + ") in every file of every table";

    /**
     * Checks that every Parquet file of every table has the key column as a 64-bit integer: reading a file
     * without it would silently give nulls (which join nothing). Only the footers are read, on the driver.
     */
    private static void checkKeyColumns(SparkSession spark, String location) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (RecordType t : RecordType.values()) {
            String folder = Storage.child(location, t.baseName());
            if (!Storage.exists(folder)) {
                continue;
            }
            for (FileStatus f : Storage.files(folder)) {
                String name = f.getPath().getName();
                if (!name.endsWith(".parquet")) {
                    continue;
                }
                org.apache.parquet.schema.MessageType schema;
                try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader
                        .open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(f.getPath(), conf))) {
                    schema = reader.getFooter().getFileMetaData().getSchema();
                } catch (IOException | RuntimeException e) {
                    throw new InvalidSourceException("snapshot " + location + ", table " + t.baseName() + ": file "
                            + name + " is not a readable Parquet file: " + e.getMessage());
                }
                if (!schema.containsField(PatientKey.COLUMN)) {
                    throw new InvalidSourceException("snapshot " + location + ", table " + t.baseName() + ", file "
                            + name + ": column " + PatientKey.COLUMN + " is missing (" + KEY_RULE + ")");
                }
                org.apache.parquet.schema.Type column = schema.getType(PatientKey.COLUMN);
                if (!column.isPrimitive() || column.asPrimitiveType().getPrimitiveTypeName()
                        != org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64) {
                    throw new InvalidSourceException("snapshot " + location + ", table " + t.baseName() + ", file "
                            + name + ": column " + PatientKey.COLUMN + " is " + column + ", not a 64-bit integer ("
                            + KEY_RULE + ")");
                }
            }
        }
    }

    /** Recomputes the key of every row and the manifest's uniqueness claims (a full pass, for --verify). */
    private static void verifyKeys(RegistryData data, String location) {
        Column key = functions.col(PatientKey.COLUMN);
        for (RecordType t : RecordType.values()) {
            long wrong = data.table(t).where(key.isNull().or(key.notEqual(PatientKey.hash()))).count();
            if (wrong > 0) {
                throw new InvalidSourceException("snapshot " + location + ", table " + t.baseName() + ", column "
                        + PatientKey.COLUMN + ": " + wrong + " rows where it is not " + PatientKey.EXPRESSION + " ("
                        + KEY_RULE + ")");
            }
        }
        if (!PatientKey.unique(data.table(RecordType.PATIENT))) {
            throw new InvalidSourceException("snapshot " + location + ", table patients, column " + PatientKey.COLUMN
                    + ": two patient rows share a key, but the manifest records the key as collision-free");
        }
        for (RecordType t : RecordType.values()) {
            if (data.oneRowPerPatient(t).orElse(false) && !PatientKey.unique(data.table(t))) {
                throw new InvalidSourceException("snapshot " + location + ", table " + t.baseName() + ", column "
                        + PatientKey.COLUMN + ": two rows share a key, but the manifest records onePerPatient");
            }
        }
    }

    /** The Parquet tables of a snapshot folder, without reading its manifest (checksum not known). */
    static RegistryData parquetTables(SparkSession spark, String location) {
        return parquetTables(spark, location, false);
    }

    /** The Parquet tables of a snapshot folder, with the key column after the interchange ones if asked. */
    private static RegistryData parquetTables(SparkSession spark, String location, boolean keyed) {
        Map<RecordType, Dataset<Row>> tables = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            String folder = Storage.child(location, t.baseName());
            StructType schema = keyed ? RegistrySchema.of(t).add(PatientKey.COLUMN, DataTypes.LongType, false)
                    : RegistrySchema.of(t);
            Dataset<Row> table;
            if (Storage.exists(folder)) {
                table = spark.read().schema(schema).parquet(Storage.uri(folder));
            } else {
                table = spark.createDataFrame(List.of(), schema);
            }
            tables.put(t, table);
        }
        return new RegistryData(tables, new RegistryData.Source("parquet", Storage.uri(location), "", false,
                Map.of(), 0, Map.of()));
    }

    /** The manifest of a snapshot folder. */
    public static Map<String, Object> readManifest(String location) {
        String file = Storage.child(location, MANIFEST);
        try {
            return JSON.readValue(Storage.readString(file), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new InvalidSourceException(file + " is not a valid manifest: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * Reads an interchange CSV folder: each file is parsed and validated by the registry's own reader
     * ({@link CsvRecordReader}), one Spark task per file, the largest first. Any error (a row that breaks
     * a rule) fails the read with the first {@value #MAX_LISTED_PROBLEMS} problems; warnings are counted.
     * The rows are cached; the content checksum is computed.
     */
    public static RegistryData csv(SparkSession spark, String location) {
        List<FileStatus> csvFiles = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (FileStatus f : Storage.files(location)) {
            String name = f.getPath().getName();
            if (!name.endsWith(".csv")) {
                continue;
            }
            if (RecordType.ofFileName(name).filter(t -> t.fileName().equals(name)).isPresent()) {
                csvFiles.add(f);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidSourceException("source " + location + " has CSV files that are not interchange files: "
                    + unknown + "; the files are named after the record types: "
                    + java.util.Arrays.stream(RecordType.values()).map(RecordType::fileName).toList());
        }
        if (csvFiles.isEmpty()) {
            throw new InvalidSourceException("source " + location + " has neither a " + MANIFEST
                    + " (a snapshot) nor interchange CSV files (patients.csv, tumours.csv, ...)");
        }
        csvFiles.sort(Comparator.comparingLong(FileStatus::getLen).reversed());
        List<String> paths = csvFiles.stream().map(f -> f.getPath().toString()).toList();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator errors = jsc.sc().longAccumulator("interchange errors");
        LongAccumulator warnings = jsc.sc().longAccumulator("interchange warnings");
        CollectionAccumulator<String> messages = jsc.sc().collectionAccumulator("interchange problems");
        JavaPairRDD<Integer, Row> parsed = jsc.parallelize(paths, paths.size())
                .flatMapToPair(path -> new FileRows(path, errors, warnings, messages))
                ;
        RegistryData data = materialise(spark, parsed, "csv", Storage.uri(location), 0);
        if (errors.value() > 0) {
            data.unpersist();
            List<String> listed = messages.value().stream().sorted().limit(MAX_LISTED_PROBLEMS).toList();
            throw new InvalidSourceException("source " + location + " has " + errors.value()
                    + " rows that break the registry's rules (the first " + listed.size() + " below; run "
                    + "the etl validate command for the full report)", listed);
        }
        RegistryData.Source src = data.source();
        return new RegistryData(data.tables(), new RegistryData.Source(src.kind(), src.location(), src.checksum(),
                src.verified(), src.rows(), warnings.value(), src.manifest()), data.backing());
    }

    /**
     * Splits (record type ordinal, row) pairs into one table per record type, in the pairs' order, and
     * computes the checksum. The rows are cached once, in Spark's compressed columnar form, as a single
     * table with one struct column per record type (a row fills only its own type's column); each record
     * type's table is a view of it. Caching the pairs themselves (Java objects) would take several times the
     * memory. The cache is kept on the executors' local disks only ({@code DISK_ONLY}): blocks are then
     * written and read back as streams of column batches, so memory stays bounded whatever the registry's
     * size, whereas a memory-first level made {@code generate} run out of an 8 GB heap at 30M exams while
     * unrolling blocks that did not fit.
     */
    static RegistryData materialise(SparkSession spark, JavaPairRDD<Integer, Row> typed, String kind, String location,
            long warnings) {
        RecordType[] types = RecordType.values();
        List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>();
        fields.add(org.apache.spark.sql.types.DataTypes.createStructField("_type",
                org.apache.spark.sql.types.DataTypes.IntegerType, false));
        for (RecordType t : types) {
            fields.add(org.apache.spark.sql.types.DataTypes.createStructField(t.baseName(), RegistrySchema.of(t), true));
        }
        org.apache.spark.sql.types.StructType unionSchema = org.apache.spark.sql.types.DataTypes.createStructType(fields);
        int n = types.length;
        JavaRDD<Row> union = typed.map(p -> {
            Object[] v = new Object[n + 1];
            v[0] = p._1();
            v[p._1() + 1] = p._2();
            return org.apache.spark.sql.RowFactory.create(v);
        });
        Dataset<Row> cached = spark.createDataFrame(union, unionSchema).persist(StorageLevel.DISK_ONLY());
        cached.count();
        typed.unpersist(false);
        Map<RecordType, Dataset<Row>> tables = new EnumMap<>(RecordType.class);
        for (RecordType t : types) {
            tables.put(t, cached.where(org.apache.spark.sql.functions.col("_type").equalTo(t.ordinal()))
                    .select(t.baseName() + ".*"));
        }
        RegistryData data = fromTables(tables, kind, location, warnings);
        return data.withBacking(cached);
    }

    /**
     * Registry data from tables already in Spark: the checksum is computed (which also materialises
     * cached tables).
     */
    public static RegistryData fromTables(Map<RecordType, Dataset<Row>> tables, String kind, String location,
            long warnings) {
        Map<RecordType, ContentChecksum.TableDigest> digests = ContentChecksum.digests(tables);
        Map<String, Long> rows = new LinkedHashMap<>();
        digests.forEach((t, d) -> rows.put(t.baseName(), d.rows()));
        return new RegistryData(tables, new RegistryData.Source(kind, location, ContentChecksum.checksum(digests),
                true, rows, warnings, Map.of()));
    }

    /** A batch of records held in memory (tests, small cohorts). */
    public static RegistryData fromBatch(SparkSession spark, RegistryBatch batch) {
        Map<RecordType, Dataset<Row>> tables = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            List<Row> rows = new ArrayList<>();
            for (RegistryRecord r : batch.records(t)) {
                rows.add(RegistryRows.toRow(t, r));
            }
            tables.put(t, spark.createDataFrame(rows, RegistrySchema.of(t)).cache());
        }
        return fromTables(tables, "memory", "batch", 0);
    }

    /** Streams the accepted rows of one interchange file, counting (and listing a few) problems. */
    private static final class FileRows implements Iterator<Tuple2<Integer, Row>> {
        private static final int MAX_MESSAGES_PER_FILE = 50;

        private final CsvRecordReader reader;
        private final InputStream in;
        private final RecordType type;
        private final LongAccumulator errors;
        private final LongAccumulator warnings;
        private final CollectionAccumulator<String> messages;
        private int listed;
        private Tuple2<Integer, Row> next;

        FileRows(String path, LongAccumulator errors, LongAccumulator warnings, CollectionAccumulator<String> messages) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            this.type = RecordType.ofFileName(name).orElseThrow();
            this.in = Storage.open(path);
            this.reader = CsvRecordReader.open(type, in);
            this.errors = errors;
            this.warnings = warnings;
            this.messages = messages;
            reader.headerProblems().forEach(this::problem);
            advance();
        }

        private void problem(Problem p) {
            if (p.isError()) {
                errors.add(1);
                if (listed++ < MAX_MESSAGES_PER_FILE) {
                    messages.add(p.toString());
                }
            } else {
                warnings.add(1);
            }
        }

        private void advance() {
            next = null;
            while (reader.hasNext()) {
                ParsedRow row = reader.next();
                row.problems().forEach(this::problem);
                if (row.accepted()) {
                    next = new Tuple2<>(type.ordinal(), RegistryRows.toRow(type, row.record()));
                    return;
                }
            }
            close();
        }

        private void close() {
            try {
                reader.close();
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Tuple2<Integer, Row> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Tuple2<Integer, Row> out = next;
            advance();
            return out;
        }
    }
}
