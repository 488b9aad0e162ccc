package org.lmsregistry.analysis.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The JDBC snapshot against a real PostgreSQL with the registry-web schema (its Flyway migration files,
 * applied as plain SQL): the rows read back through Spark's partitioned JDBC source have the same content
 * checksum as the records inserted, and a snapshot taken from the database is the same as one taken from
 * the records in memory.
 */
class JdbcSnapshotTest {

    private static EmbeddedPostgres postgres;
    private static RegistryBatch batch;
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        Path migrations = Paths.get(System.getProperty("lms.migrations",
                "../registry-web/src/main/resources/db/migration"));
        assumeTrue(Files.isDirectory(migrations), "registry-web migrations not found at " + migrations);
        Path log = Paths.get("target", "postgres.log");
        Files.createDirectories(log.getParent());
        postgres = EmbeddedPostgres.builder().setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile())).setPGStartupWait(Duration.ofSeconds(60)).start();
        url = postgres.getJdbcUrl("postgres", "postgres");
        batch = CohortGenerator.generate(CohortSettings.ofTotal(77L, 3, 90));
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            List<Path> files;
            try (Stream<Path> s = Files.list(migrations)) {
                files = s.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            }
            try (Statement st = c.createStatement()) {
                for (Path f : files) {
                    st.execute(Files.readString(f));
                }
            }
            insert(c, batch);
        }
    }

    private static int version(Path migration) {
        String n = migration.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Inserts the records by the schema convention (site_code -> site_id, patient_pseudonym -> patient_id). */
    private static void insert(Connection c, RegistryBatch b) throws Exception {
        Map<String, Long> sites = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into site (code, name, country) values (?, ?, 'XX') "
                + "returning id")) {
            for (var p : b.patients()) {
                if (!sites.containsKey(p.siteCode())) {
                    ps.setString(1, p.siteCode());
                    ps.setString(2, "Site " + p.siteCode());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sites.put(p.siteCode(), rs.getLong(1));
                    }
                }
            }
        }
        Map<String, Long> patients = new HashMap<>();
        for (RecordType t : RecordType.values()) {
            List<String> cols = new ArrayList<>();
            for (FieldSpec<?> f : t.fields()) {
                cols.add(switch (f.name()) {
                    case "site_code" -> "site_id";
                    case "patient_pseudonym" -> t == RecordType.PATIENT ? "patient_pseudonym" : "patient_id";
                    default -> f.name();
                });
            }
            String sql = "insert into " + JdbcSource.tableName(t) + " (" + String.join(", ", cols) + ") values ("
                    + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")"
                    + (t == RecordType.PATIENT ? " returning id" : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (RegistryRecord r : b.records(t)) {
                    int i = 1;
                    for (FieldSpec<?> f : t.fields()) {
                        @SuppressWarnings("unchecked")
                        Object v = ((FieldSpec<RegistryRecord>) f).valueOf(r);
                        if (f.name().equals("site_code")) {
                            v = sites.get(r.siteCode());
                        } else if (f.name().equals("patient_pseudonym") && t != RecordType.PATIENT) {
                            v = patients.get(r.siteCode() + "/" + r.patientPseudonym());
                        } else if (v instanceof Enum<?> e) {
                            v = e.name();
                        } else if (v instanceof Collection<?> codes) {
                            Array a = c.createArrayOf("text", codes.stream().map(x -> ((Enum<?>) x).name())
                                    .toArray());
                            v = a;
                        }
                        ps.setObject(i++, v);
                    }
                    if (t == RecordType.PATIENT) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            patients.put(r.siteCode() + "/" + r.patientPseudonym(), rs.getLong(1));
                        }
                    } else {
                        ps.addBatch();
                    }
                }
                if (t != RecordType.PATIENT) {
                    ps.executeBatch();
                }
            }
        }
    }

    @Test
    void partitionedJdbcReadHasTheContentOfTheRecords() throws Exception {
        var spark = TestSpark.session();
        RegistryData expected = RegistrySources.fromBatch(spark, batch);
        RegistryData read = JdbcSource.read(spark, new JdbcSource.Settings(url, "postgres", "", 3, 500, 300));
        assertThat(read.source().kind()).isEqualTo("jdbc");
        assertThat(read.table(RecordType.IMAGING_STUDY).rdd().getNumPartitions()).isEqualTo(3);
        assertThat(read.source().rows().get("imaging_studies")).isEqualTo(batch.imagingStudies().size());
        assertThat(read.checksum()).isEqualTo(expected.checksum());

        Path out = TestRegistry.newFolder("jdbc").resolve("snapshot");
        Map<String, Object> manifest = Snapshots.write(read, out.toString(), 1, Map.of("jdbcUrl", url));
        assertThat(manifest.get("checksum")).isEqualTo(expected.checksum());
        assertThat(RegistrySources.read(spark, out.toString(), true).checksum()).isEqualTo(expected.checksum());
        read.unpersist();
        expected.unpersist();
    }

    @Test
    void aWrongPasswordOrDatabaseIsAClearErrorWithoutThePassword() {
        String bad = url.replace("/postgres?", "/nosuchdb?");
        assertThatThrownBy(() -> JdbcSource.read(TestSpark.session(),
                new JdbcSource.Settings(bad + "&password=secret", "postgres", "", 2, 100, 100)))
                .isInstanceOf(InvalidSourceException.class).hasMessageContaining("nosuchdb")
                .hasMessageNotContaining("secret");
    }
}
