package org.lmsregistry.analysis.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.spark.JdbcSource;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.RegistrySources;
import org.lmsregistry.analysis.spark.Snapshots;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Takes a Parquet snapshot of the registry, from an interchange CSV folder or from the "
                + "registry's PostgreSQL database; or upgrades an existing snapshot (a folder with manifest.json) "
                + "to the current format.",
                "The snapshot folder holds one Parquet folder per record type and manifest.json (row counts, "
                        + "content checksum, software version, parameters). Every table also holds the 64-bit "
                        + "patient key, patient_key = xxhash64(site_code, patient_pseudonym), unless two patients "
                        + "share it (format version 2). Every analysis records the checksum of the snapshot it read; "
                        + "the key is not part of it, so an upgraded snapshot keeps its checksum.",
                "Database account: environment variables " + JdbcSource.USER_ENV + " and "
                        + JdbcSource.PASSWORD_ENV + "."},
        footer = {"", "Examples:", "  snapshot --source registry-csv/ --out snapshots/2025-01",
                "  snapshot --source snapshots/2025-01 --out snapshots/2025-01-v2     (upgrade; same checksum)",
                "  LMS_DB_USER=stats LMS_DB_PASSWORD=... snapshot --jdbc-url jdbc:postgresql://db:5432/registry "
                        + "--out snapshots/2025-01"})
public final class SnapshotCommand implements Callable<Integer> {

    static final class From {
        @Option(names = "--source", paramLabel = "FOLDER", required = true,
                description = "An interchange CSV folder (patients.csv, tumours.csv, ...), or a snapshot folder "
                        + "(with manifest.json) to write again in the current format; its rows are read, their "
                        + "checksum is recomputed and must equal its manifest's.")
        String source;

        @Option(names = "--jdbc-url", paramLabel = "URL", required = true,
                description = "The registry database, e.g. jdbc:postgresql://localhost:5432/registry.")
        String jdbcUrl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    From from;

    @Option(names = "--out", paramLabel = "FOLDER", required = true,
            description = "The snapshot folder to create (must not exist or be empty).")
    String out;

    @Option(names = "--files-per-table", paramLabel = "N", defaultValue = "0",
            description = "Parquet files per table (default ${DEFAULT-VALUE}: as Spark partitions the data).")
    int filesPerTable;

    @Option(names = "--jdbc-partitions", paramLabel = "N", defaultValue = "8",
            description = "Most parallel reads per table (default ${DEFAULT-VALUE}).")
    int jdbcPartitions;

    @Option(names = "--jdbc-fetch-size", paramLabel = "ROWS", defaultValue = "10000",
            description = "Rows per database round trip (default ${DEFAULT-VALUE}).")
    int fetchSize;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SparkSession spark = sparkOptions.session("snapshot");
        long start = System.nanoTime();
        Map<String, Object> parameters = new LinkedHashMap<>();
        RegistryData data;
        if (from.source != null) {
            parameters.put("source", from.source);
            // a snapshot is verified: its checksum is recomputed from its rows (and must match its manifest)
            data = RegistrySources.read(spark, from.source, true);
            if ("parquet".equals(data.source().kind())) {
                parameters.put("sourceFormatVersion", data.source().manifest().get("formatVersion"));
            }
        } else {
            JdbcSource.Settings settings = JdbcSource.Settings.fromEnvironment(from.jdbcUrl, jdbcPartitions, fetchSize);
            parameters.put("jdbcUrl", settings.safeUrl());
            parameters.put("jdbcUser", settings.user());
            parameters.put("jdbcPartitions", jdbcPartitions);
            parameters.put("jdbcFetchSize", fetchSize);
            data = JdbcSource.read(spark, settings);
        }
        parameters.put("filesPerTable", filesPerTable);
        Map<String, Object> manifest = Snapshots.write(data, out, filesPerTable, parameters);
        data.unpersist();
        var o = spec.commandLine().getOut();
        o.printf("snapshot %s: checksum %s%n", out, manifest.get("checksum"));
        o.printf("  %s%n", Snapshots.patientKeyNote(manifest));
        data.source().rows().forEach((t, n) -> o.printf("  %-18s %,d rows%n", t, n));
        o.printf("  %d validation warnings; %.1f s%n", data.source().warnings(), (System.nanoTime() - start) / 1e9);
        o.flush();
        return 0;
    }
}
