package org.lmsregistry.etl;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import org.lmsregistry.etl.bench.BenchCommand;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.guard.GuardCommand;
import org.lmsregistry.etl.imaging.DicomCommand;
import org.lmsregistry.etl.init.InitCommand;
import org.lmsregistry.etl.map.MapCommand;
import org.lmsregistry.etl.upload.UploadCommand;
import org.lmsregistry.etl.validate.ValidateCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code etl}: the site-side command line of the LMS Imaging Registry. Every command prints its
 * results on stdout, its messages and problems on stderr, and ends with an {@link ExitCode}.
 */
@Command(name = "etl", mixinStandardHelpOptions = true, versionProvider = EtlMain.Version.class,
        description = {
            "Turns a site's exports and DICOM studies into de-identified LMS Imaging Registry files, validates them "
                    + "offline and uploads them.",
            "",
            "Typical order: init (once), map, dicom, validate, guard, upload." },
        subcommands = { InitCommand.class, ValidateCommand.class, MapCommand.class, DicomCommand.class, GuardCommand.class,
            UploadCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class })
public final class EtlMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-color", description = "Never print colour (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    @Option(names = "--debug", description = "Print stack traces of failures (never data values).")
    boolean debug;

    private Console console;

    public Console console() {
        return noColor ? console.withoutColour() : console;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(console().err(), console().ansi());
        return ExitCode.USAGE;
    }

    public static void main(String[] args) {
        int code = run(Console.system(System.getenv()), args);
        System.exit(code);
    }

    /** Runs one command line with a console; returns the exit code. */
    public static int run(Console console, String... args) {
        EtlMain main = new EtlMain();
        main.console = console;
        CommandLine cmd = new CommandLine(main);
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(console.ansi()));
        cmd.setOut(console.out());
        cmd.setErr(console.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(false);
        documentExitCodes(cmd);
        cmd.setExitCodeExceptionMapper(t -> t instanceof EtlException e ? e.exitCode() : ExitCode.INTERNAL);
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(console.red("error:") + " " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            }
            err.flush();
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Console c = main.console();
            if (ex instanceof EtlException e) {
                c.error(e.getMessage());
                if (main.debug && e.getCause() != null) {
                    e.getCause().printStackTrace(c.err());
                }
                c.flush();
                return e.exitCode();
            }
            if (ex instanceof UncheckedIOException e) {
                c.error("I/O failure: " + e.getCause().getMessage());
                if (main.debug) {
                    e.printStackTrace(c.err());
                }
                c.flush();
                return ExitCode.IO;
            }
            c.error("internal error (" + ex.getClass().getName() + "); please report it with the command line, "
                    + "never with data. Run with --debug for details.");
            if (main.debug) {
                ex.printStackTrace(c.err());
            }
            c.flush();
            return ExitCode.INTERNAL;
        });
        int code = cmd.execute(args);
        console.flush();
        return code;
    }

    /** Every command's --help lists the exit codes of {@link ExitCode#HELP_LIST}. */
    private static void documentExitCodes(CommandLine cmd) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String line : ExitCode.HELP_LIST) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cmd.getSubcommands().values().forEach(EtlMain::documentExitCodes);
    }

    /** The version from the jar manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EtlMain.class.getPackage().getImplementationVersion();
            return new String[] { "etl (LMS Imaging Registry) " + (v == null ? "development build" : v) };
        }
    }
}
