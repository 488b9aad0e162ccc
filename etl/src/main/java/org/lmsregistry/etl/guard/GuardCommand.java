package org.lmsregistry.etl.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.cli.ReportOptions;
import org.lmsregistry.etl.report.Report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code etl guard}: the identifier guard that 'etl upload' runs first, on its own. */
@Command(name = "guard", mixinStandardHelpOptions = true,
        description = { "Screens a folder of registry files for anything that looks like an identifier before it "
                + "leaves the site: CSV files that are not registry files, columns that are not registry fields, and "
                + "names, calendar dates, phone numbers, e-mail addresses or record numbers in free text and keys.",
            "'etl upload' runs the same guard first and sends nothing if it finds anything (exit 5)." })
public final class GuardCommand implements Callable<Integer> {

    @ParentCommand
    EtlMain root;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "Folder of registry CSV files.")
    Path folder;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() {
        Console console = root.console();
        if (!Files.isDirectory(folder)) {
            throw new EtlException(ExitCode.IO, folder + " is not a folder.", null);
        }
        Report report = new Report("guard " + folder, IdentifierGuard.check(folder));
        reportOptions.emit(report, console);
        if (report.hasErrors()) {
            console.error("Something looks like an identifier: fix it before uploading.");
            return ExitCode.IDENTIFIERS_FOUND;
        }
        console.out().println("guard " + folder + ": nothing looks like an identifier");
        return ExitCode.OK;
    }
}
