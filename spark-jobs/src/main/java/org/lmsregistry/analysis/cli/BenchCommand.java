package org.lmsregistry.analysis.cli;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.Software;
import org.lmsregistry.analysis.spark.RegistrySources;
import org.lmsregistry.analysis.spark.SparkSessions;
import org.lmsregistry.analysis.spark.Storage;
import org.lmsregistry.model.record.RecordType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the analyses' aggregation queries in Spark and, as the baseline, in DuckDB on the same "
                + "Parquet snapshot, and checks that both engines give the same answers. A benchmark, not a test: "
                + "see docs/benchmarks.md.",
                "DuckDB is not in the fat jar: give its JDBC jar with --duckdb-jar (the build copies it to "
                        + "spark-jobs/target/bench/duckdb_jdbc.jar)."},
        footer = {"", "Example:", "  bench --source synth/snapshot --repeat 5 --out bench.json"})
public final class BenchCommand implements Callable<Integer> {

    /** The queries: the same SQL text runs in both engines, on views named after the tables. */
    /**
     * The aggregations the analyses run, as plain SQL that both engines take unchanged. Patients are joined and
     * grouped on the 64-bit {@code patient_key} when the snapshot stores it (format 2, as the jobs do), else on
     * site code and pseudonym.
     */
    static Map<String, String> queries(boolean keyed) {
        String patient = keyed ? "patient_key" : "site_code, patient_pseudonym";
        String fe = keyed ? "f.patient_key = e.patient_key"
                : "f.site_code = e.site_code and f.patient_pseudonym = e.patient_pseudonym";
        String st = keyed ? "s.patient_key = t.patient_key"
                : "s.site_code = t.site_code and s.patient_pseudonym = t.patient_pseudonym";
        Map<String, String> q = new LinkedHashMap<>();
        q.put("yield_by_modality", "select modality, count(*) as studies, sum(case when finding_confirmed and "
                + "result in ('LOCAL_RECURRENCE', 'DISTANT_METASTASIS', 'LOCAL_AND_DISTANT') then 1 else 0 end) as "
                + "detections from imaging_studies where purpose = 'SURVEILLANCE' group by modality order by modality");
        q.put("first_events", "select count(*) as patients, sum(case when met_day <= 1095 then 1 else 0 end) as "
                + "metastasis_3y, sum(died) as deaths from (select " + patient + ", min(case when kind = "
                + "'DISTANT_METASTASIS' then day end) as met_day, max(case when kind = 'DEATH' then 1 else 0 end) as "
                + "died from outcome_events group by " + patient + ") e");
        q.put("two_by_two_by_site", "select f.site_code, f.peripheral_enhancement, coalesce(e.met_day <= 1095, "
                + "false) as outcome, count(*) as n from imaging_features f left join (select " + patient
                + ", min(day) as met_day from outcome_events where kind = 'DISTANT_METASTASIS' group by " + patient
                + ") e on " + fe + " group by f.site_code, f.peripheral_enhancement, coalesce(e.met_day <= 1095, "
                + "false) order by 1, 2, 3");
        q.put("surveillance_5y_by_site", "select s.site_code, count(*) as studies from imaging_studies s join "
                + "(select " + patient + ", min(start_day) as surgery_day from treatments where kind = "
                + "'SURGERY' group by " + patient + ") t on " + st + " where s.purpose = 'SURVEILLANCE' and s.day - "
                + "t.surgery_day < 1826 group by s.site_code order by 1");
        return q;
    }

    @Option(names = "--source", paramLabel = "FOLDER", required = true, description = "A Parquet snapshot folder.")
    String source;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per query after one warm-up run (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--duckdb-jar", paramLabel = "JAR",
            description = "DuckDB JDBC jar (default: bench/duckdb_jdbc.jar beside the jobs jar, then "
                    + "spark-jobs/target/bench/duckdb_jdbc.jar).")
    Path duckdbJar;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the timings as JSON.")
    Path out;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Storage.exists(Storage.child(source, RegistrySources.MANIFEST))) {
            throw new IllegalArgumentException(source + " is not a snapshot folder (no manifest.json)");
        }
        Map<String, Object> manifest = RegistrySources.readManifest(source);
        boolean keyed = manifest.get("patientKey") instanceof Map<?, ?> k && Boolean.TRUE.equals(k.get("present"));
        var o = spec.commandLine().getOut();
        SparkSession spark = sparkOptions.session("bench");
        for (RecordType t : RecordType.values()) {
            spark.read().parquet(Storage.uri(Storage.child(source, t.baseName()))).createOrReplaceTempView(t.baseName());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", Storage.uri(source));
        report.put("checksum", manifest.get("checksum"));
        report.put("tables", manifest.get("tables"));
        report.put("software", Software.describe());
        report.put("sparkMaster", SparkSessions.master(spark));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("repeat", repeat);
        report.put("patientKey", keyed ? "patient_key (stored in the snapshot)" : "site_code, patient_pseudonym");
        Map<String, Object> results = new LinkedHashMap<>();
        try (Connection duck = duckdb()) {
            try (Statement st = duck.createStatement()) {
                for (RecordType t : RecordType.values()) {
                    String glob = Paths.get(java.net.URI.create(Storage.uri(Storage.child(source, t.baseName()))))
                            + File.separator + "*.parquet";
                    st.execute("create view " + t.baseName() + " as select * from read_parquet('"
                            + glob.replace("'", "''") + "')");
                }
            }
            o.printf("%-26s %12s %12s %12s %12s  %s%n", "query", "spark first", "spark median", "duckdb first",
                    "duckdb median", "same answer");
            for (Map.Entry<String, String> q : queries(keyed).entrySet()) {
                double[] sparkTimes = new double[repeat + 1];
                List<List<String>> sparkRows = null;
                for (int i = 0; i <= repeat; i++) {
                    long t0 = System.nanoTime();
                    List<Row> rows = spark.sql(q.getValue()).collectAsList();
                    sparkTimes[i] = (System.nanoTime() - t0) / 1e9;
                    sparkRows = normalise(rows);
                }
                double[] duckTimes = new double[repeat + 1];
                List<List<String>> duckRows = null;
                for (int i = 0; i <= repeat; i++) {
                    long t0 = System.nanoTime();
                    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(q.getValue())) {
                        duckRows = normalise(rs);
                    }
                    duckTimes[i] = (System.nanoTime() - t0) / 1e9;
                }
                boolean same = sparkRows.equals(duckRows);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("sql", q.getValue());
                r.put("sparkFirstSeconds", sparkTimes[0]);
                r.put("sparkMedianSeconds", median(sparkTimes));
                r.put("duckdbFirstSeconds", duckTimes[0]);
                r.put("duckdbMedianSeconds", median(duckTimes));
                r.put("sameAnswer", same);
                r.put("rows", sparkRows.size());
                results.put(q.getKey(), r);
                o.printf(Locale.ROOT, "%-26s %12.3f %12.3f %12.3f %12.3f  %s%n", q.getKey(), sparkTimes[0],
                        median(sparkTimes), duckTimes[0], median(duckTimes), same ? "yes" : "NO");
                o.flush();
                if (!same) {
                    o.println("  spark:  " + sparkRows);
                    o.println("  duckdb: " + duckRows);
                }
            }
        }
        report.put("queries", results);
        if (out != null) {
            Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report) + "\n");
        }
        return 0;
    }

    private Connection duckdb() throws Exception {
        Path jar = duckdbJar;
        if (jar == null) {
            Path self = Paths.get(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = (Files.isDirectory(self) ? self.getParent() : self.getParent()).resolve("bench")
                    .resolve("duckdb_jdbc.jar");
            jar = Files.exists(beside) ? beside : Paths.get("spark-jobs", "target", "bench", "duckdb_jdbc.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException("DuckDB JDBC jar not found at " + jar + "; give --duckdb-jar");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        Driver driver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor()
                .newInstance();
        return driver.connect("jdbc:duckdb:", new Properties());
    }

    static double median(double[] timesWithWarmUp) {
        double[] t = Arrays.copyOfRange(timesWithWarmUp, 1, timesWithWarmUp.length);
        if (t.length == 0) {
            return timesWithWarmUp[0];
        }
        Arrays.sort(t);
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    private static List<List<String>> normalise(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> v = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                v.add(text(r.get(i)));
            }
            out.add(v);
        }
        return out;
    }

    private static List<List<String>> normalise(ResultSet rs) throws Exception {
        ResultSetMetaData md = rs.getMetaData();
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
            List<String> v = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                v.add(text(rs.getObject(i)));
            }
            out.add(v);
        }
        return out;
    }

    private static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }
}
