package org.lmsregistry.etl.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.cli.ReportOptions;
import org.lmsregistry.etl.report.Report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code etl validate}: the registry's own validation, offline, over a folder of interchange files:
 * the same parser and rules the registry applies to an upload (minus the checks against records it
 * already holds).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = { "Validates a folder of registry files (patients.csv, tumours.csv, ...) offline, with the "
                + "registry's own rules: formats, codes, ranges, identifiers in free text, rules between fields and "
                + "between records.",
            "Prints the problems grouped by file and rule; --report writes all of them as JSON or CSV.",
            "Exits with 1 when there is any error; warnings alone exit with 0." })
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    EtlMain root;

    @Parameters(arity = "1..*", paramLabel = "FOLDER",
            description = "Folder(s) of registry CSV files; several folders (e.g. of 'etl map' and 'etl dicom') are validated as one batch.")
    List<Path> folders;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() {
        Console console = root.console();
        FolderValidation.Result result = FolderValidation.validate(folders);
        String name = folders.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "));
        Report report = new Report("validate " + name, result.findings());
        reportOptions.emit(report, console);
        console.out().println(name + ": " + result.counts() + "; " + report.counts()
                + (report.hasErrors() ? "" : " - valid"));
        return report.hasErrors() ? ExitCode.DATA_ERRORS : ExitCode.OK;
    }
}
