package org.lmsregistry.etl.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.cli.ConfigOption;
import org.lmsregistry.etl.cli.ReportOptions;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.etl.report.Report;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.RecordType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code etl map}: the site's own exports (CSV with any delimiter and encoding, XLSX) to registry
 * files, driven by a declarative mapping file (docs/etl-mapping.md).
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = { "Turns the site's own exports (CSV or XLSX) into registry files, as a mapping file declares: "
                + "columns, code tables, units, dates as days from diagnosis, ages capped at 90, patient identifiers "
                + "pseudonymised with the site key.",
            "Nothing is guessed: an unmapped code or an unreadable value is reported with file, line, column and value, "
                    + "and then nothing is written.",
            "The mapping file format is described in docs/etl-mapping.md." })
public final class MapCommand implements Callable<Integer> {

    @ParentCommand
    EtlMain root;

    @Parameters(index = "0", paramLabel = "MAPPING", description = "The mapping file (YAML, or JSON if it ends in .json).")
    Path mappingFile;

    @Option(names = { "-o", "--out" }, paramLabel = "DIR",
            description = "Folder to write the registry files into (created if needed; files of the same name are replaced).")
    Path out;

    @Option(names = "--check", description = "Check the mapping file only; read no data.")
    boolean checkOnly;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() {
        Console console = root.console();
        Mapping mapping = Mapping.compile(MappingSpec.read(mappingFile), mappingFile);
        if (checkOnly) {
            console.out().println(mappingFile + ": valid mapping; writes "
                    + mapping.types().stream().map(RecordType::fileName).toList());
            return ExitCode.OK;
        }
        if (out == null) {
            throw EtlException.usage("Missing required option: '--out=DIR' (only --check needs none).");
        }
        SiteConfig.Loaded site = configOption.load();
        Mapper.Result result = Mapper.run(mapping, site.siteCode(), new Pseudonymiser(site.key()));
        Report report = new Report("map " + mappingFile, result.findings());
        reportOptions.emit(report, console);
        if (result.structural()) {
            console.error("The mapping does not fit the exports; nothing was written. Fix " + mappingFile + ".");
            return ExitCode.USAGE;
        }
        if (report.hasErrors()) {
            console.error("Nothing was written: fix the problems above (in the exports or in " + mappingFile + ").");
            return ExitCode.DATA_ERRORS;
        }
        List<String> written = write(result, mapping);
        written.forEach(console.out()::println);
        console.out().println("map: " + report.counts() + "; wrote " + written.size() + " file(s) to " + out);
        return ExitCode.OK;
    }

    /** Writes each file to a temporary name first, then moves them all into place. */
    private List<String> write(Mapper.Result result, Mapping mapping) {
        List<String> lines = new ArrayList<>();
        List<Path[]> moves = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (RecordType type : mapping.types()) {
                Path tmp = Files.createTempFile(out, "." + type.baseName(), ".tmp");
                long n = CsvInterchange.write(type, result.batch().records(type), tmp);
                moves.add(new Path[] { tmp, out.resolve(type.fileName()) });
                lines.add(out.resolve(type.fileName()) + ": " + n + " record(s)");
            }
            for (Path[] m : moves) {
                Files.move(m[0], m[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            for (Path[] m : moves) {
                try {
                    Files.deleteIfExists(m[0]);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file is harmless (and not a registry file name)
                }
            }
            throw EtlException.io("Cannot write to " + out + ": " + e.getMessage(), e);
        }
        return lines;
    }
}
