package org.lmsregistry.analysis.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.lmsregistry.analysis.spark.InterchangeWriter;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.Snapshots;
import org.lmsregistry.analysis.spark.SyntheticRegistry;
import org.lmsregistry.model.synthetic.CohortSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic registry of any size with the registry model's cohort generator "
                + "(planted effects: docs/synthetic-data.md), in parallel partitions of patient indices.",
                "The result is the same whatever the number of partitions or machines."},
        footer = {"", "Examples:", "  generate --patients 200000 --seed 42 --parquet-out synth/snapshot",
                "  generate --patients 5000 --sites 5 --csv-out synth/csv --parquet-out synth/snapshot"})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--patients", paramLabel = "N", required = true,
            description = "Patients in total, split evenly over the sites.")
    int patients;

    @Option(names = "--sites", paramLabel = "N", defaultValue = "5",
            description = "Number of sites (default ${DEFAULT-VALUE}; the five archetypes repeat beyond 5).")
    int sites;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Cohort seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Generator partitions (default: 4 per core, at least 1 per 25,000 patients).")
    int partitions;

    @Option(names = "--csv-out", paramLabel = "FOLDER", description = "Write an interchange CSV folder here.")
    String csvOut;

    @Option(names = "--parquet-out", paramLabel = "FOLDER", description = "Write a Parquet snapshot here.")
    String parquetOut;

    @Option(names = "--files-per-table", paramLabel = "N", defaultValue = "0",
            description = "Parquet files per table (default: one per partition).")
    int filesPerTable;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (csvOut == null && parquetOut == null) {
            throw new IllegalArgumentException("give --csv-out and/or --parquet-out");
        }
        if (patients < 0 || sites < 1) {
            throw new IllegalArgumentException("--patients must be 0 or more and --sites 1 or more");
        }
        CohortSettings settings = CohortSettings.ofTotal(seed, sites, patients);
        SparkSession spark = sparkOptions.session("generate");
        int parts = partitions > 0 ? partitions
                : Math.max(Math.max(1, patients / 25_000), 4 * spark.sparkContext().defaultParallelism());
        parts = (int) Math.max(1, Math.min(parts, Math.max(1, patients)));
        long start = System.nanoTime();
        RegistryData data = SyntheticRegistry.generate(spark, settings, parts);
        double generated = (System.nanoTime() - start) / 1e9;
        var o = spec.commandLine().getOut();
        o.printf("generated %,d patients at %d sites in %d partitions: %.1f s, checksum %s%n", patients, sites,
                parts, generated, data.checksum());
        if (csvOut != null) {
            InterchangeWriter.write(data, csvOut);
            o.printf("  interchange CSV: %s%n", csvOut);
        }
        if (parquetOut != null) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("generator", SyntheticRegistry.describe(settings));
            parameters.put("seed", seed);
            parameters.put("sites", sites);
            parameters.put("patients", patients);
            parameters.put("partitions", parts);
            Map<String, Object> manifest = Snapshots.write(data, parquetOut, filesPerTable, parameters);
            o.printf("  Parquet snapshot: %s%n", parquetOut);
            o.printf("  %s%n", Snapshots.patientKeyNote(manifest));
        }
        data.source().rows().forEach((t, n) -> o.printf("  %-18s %,d rows%n", t, n));
        o.printf("  total %.1f s%n", (System.nanoTime() - start) / 1e9);
        o.flush();
        data.unpersist();
        return 0;
    }
}
