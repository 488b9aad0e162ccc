package org.lmsregistry.etl.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.report.Report;

import picocli.CommandLine.Option;

/** Where a command writes its machine-readable report and how much it prints. */
public final class ReportOptions {

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write every finding to FILE: CSV if it ends in .csv, else JSON; '-' for JSON on stdout.")
    Path report;

    @Option(names = "--max-per-rule", paramLabel = "N", defaultValue = "20",
            description = "Print at most N findings per file and rule (0: all; default ${DEFAULT-VALUE}). The report file holds all.")
    int maxPerRule;

    /** Prints the report and writes the report file, if one was asked for. */
    public void emit(Report report, Console console) {
        report.print(console, maxPerRule);
        if (this.report != null) {
            try {
                report.write(this.report, console);
            } catch (IOException e) {
                throw EtlException.io("Cannot write the report " + this.report + ": " + e.getMessage(), e);
            }
        }
    }
}
