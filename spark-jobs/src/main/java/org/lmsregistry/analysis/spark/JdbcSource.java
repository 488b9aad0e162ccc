package org.lmsregistry.analysis.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;

/**
 * Reads the registry from its PostgreSQL database (the schema of {@code registry-web}'s Flyway
 * migrations) with Spark's JDBC source, each table in partitions of its surrogate id.
 *
 * <p>Schema convention: one table per record type, named like the {@link RecordType} constant in lower
 * snake case ({@code imaging_study}); one column per field with the field's name, except that
 * {@code site_code} is {@code site_id} (referencing {@code site.code}) and {@code patient_pseudonym} is
 * {@code patient_id} (referencing {@code patient}) outside the patient table; code sets are
 * {@code text[]}. Each table is read through a subquery that joins the codes back, so the rows have
 * exactly the interchange columns; code sets are put into code-list order.
 *
 * <p>Consistency: the driver opens a REPEATABLE READ transaction and exports its snapshot
 * ({@code pg_export_snapshot()}); every partition's connection joins that snapshot before reading
 * ({@code SET TRANSACTION SNAPSHOT}), so all tables are read as of one instant even while the web
 * application writes. The rows are cached, so the database is read once.
 */
public final class JdbcSource {

    /** Environment variables holding the database account (never given on the command line). */
    public static final String USER_ENV = "LMS_DB_USER";
    public static final String PASSWORD_ENV = "LMS_DB_PASSWORD";

    private JdbcSource() {
    }

    /**
     * Connection settings.
     *
     * @param url        {@code jdbc:postgresql://host:port/db}
     * @param user       database user
     * @param password   password (may be empty)
     * @param partitions partitions per table (at most; small tables get fewer)
     * @param fetchSize  rows per round trip
     * @param rowsPerPartition a table gets one partition per this many rows, up to {@code partitions}
     */
    public record Settings(String url, String user, String password, int partitions, int fetchSize,
            int rowsPerPartition) {

        /** Default: one partition per 50,000 rows. */
        public static final int DEFAULT_ROWS_PER_PARTITION = 50_000;

        /** The account from {@value #USER_ENV} / {@value #PASSWORD_ENV} (or PGUSER / PGPASSWORD). */
        public static Settings fromEnvironment(String url, int partitions, int fetchSize) {
            String user = firstNonEmpty(System.getenv(USER_ENV), System.getenv("PGUSER"));
            String password = firstNonEmpty(System.getenv(PASSWORD_ENV), System.getenv("PGPASSWORD"));
            if (user == null) {
                throw new IllegalArgumentException("set the database user in " + USER_ENV + " (and the password in "
                        + PASSWORD_ENV + ")");
            }
            return new Settings(url, user, password == null ? "" : password, partitions, fetchSize,
                    DEFAULT_ROWS_PER_PARTITION);
        }

        /** The URL without any password parameter, for provenance records. */
        public String safeUrl() {
            return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
        }

        @Override
        public String toString() {
            return "Settings[" + safeUrl() + ", user " + user + "]";
        }
    }

    private static String firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : null;
    }

    /** The table of a record type. */
    public static String tableName(RecordType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The subquery that reads a record type's interchange columns, plus {@code row_id} for partitioning. */
    static String subquery(RecordType type) {
        List<String> select = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            switch (f.name()) {
                case "site_code" -> select.add("s.code as site_code");
                case "patient_pseudonym" -> select.add(type == RecordType.PATIENT ? "t.patient_pseudonym"
                        : "p.patient_pseudonym");
                default -> select.add("t." + f.name());
            }
        }
        select.add("t.id as row_id");
        String from = tableName(type) + " t join site s on s.id = t.site_id"
                + (type == RecordType.PATIENT ? "" : " join patient p on p.id = t.patient_id");
        return "(select " + String.join(", ", select) + " from " + from + ") src";
    }

    /** Reads every table (cached) and computes the content checksum. */
    public static RegistryData read(SparkSession spark, Settings settings) {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        props.setProperty("driver", "org.postgresql.Driver");
        try (Connection exporter = DriverManager.getConnection(settings.url(), props)) {
            exporter.setAutoCommit(false);
            String snapshotId;
            try (Statement st = exporter.createStatement()) {
                st.execute("set transaction isolation level repeatable read, read only");
                try (ResultSet rs = st.executeQuery("select pg_export_snapshot()")) {
                    rs.next();
                    snapshotId = rs.getString(1);
                }
            }
            Map<RecordType, Dataset<Row>> tables = new EnumMap<>(RecordType.class);
            for (RecordType t : RecordType.values()) {
                long[] bounds = bounds(exporter, t);
                Properties options = new Properties();
                options.putAll(props);
                options.setProperty("fetchsize", Integer.toString(settings.fetchSize()));
                options.setProperty("sessionInitStatement", "set transaction isolation level repeatable read, read only; "
                        + "set transaction snapshot '" + snapshotId + "'");
                Dataset<Row> raw;
                if (bounds[2] == 0) {
                    raw = spark.read().jdbc(settings.url(), subquery(t), options);
                } else {
                    int parts = (int) Math.max(1, Math.min(settings.partitions(),
                            (bounds[2] + settings.rowsPerPartition() - 1) / settings.rowsPerPartition()));
                    raw = spark.read().jdbc(settings.url(), subquery(t), "row_id", bounds[0], bounds[1] + 1, parts,
                            options);
                }
                Dataset<Row> table = conform(t, raw).persist(StorageLevel.MEMORY_AND_DISK());
                tables.put(t, table);
            }
            // reading (the checksum) happens while the exporting transaction keeps the snapshot alive
            RegistryData data = RegistrySources.fromTables(tables, "jdbc", settings.safeUrl(), 0);
            exporter.rollback();
            return data;
        } catch (SQLException e) {
            throw new InvalidSourceException("cannot read the registry database " + settings.safeUrl() + ": "
                    + e.getMessage());
        }
    }

    private static long[] bounds(Connection c, RecordType t) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select coalesce(min(id), 0), coalesce(max(id), 0), count(*) from "
                        + tableName(t))) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** The interchange columns in order and type; code sets in code-list order. */
    static Dataset<Row> conform(RecordType type, Dataset<Row> raw) {
        List<Column> cols = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            Column c = functions.col(f.name());
            if (f.type() == FieldType.CODES) {
                String codes = FieldText.codes(f).stream().map(code -> "'" + code + "'")
                        .collect(Collectors.joining(", "));
                c = functions.expr("array_sort(coalesce(" + f.name() + ", array()), (l, r) -> cast("
                        + "array_position(array(" + codes + "), l) - array_position(array(" + codes + "), r) as int))");
            }
            // code sets keep the JDBC array type (elements nullable); the schema below fixes the element nullability
            cols.add((f.type() == FieldType.CODES ? c : c.cast(RegistrySchema.typeOf(f))).as(f.name()));
        }
        Dataset<Row> conformed = raw.select(cols.toArray(Column[]::new));
        return conformed.sparkSession().createDataFrame(conformed.rdd(), RegistrySchema.of(type));
    }
}
