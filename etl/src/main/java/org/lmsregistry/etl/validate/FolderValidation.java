package org.lmsregistry.etl.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.BatchValidator;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RowIndex;
import org.lmsregistry.model.validation.ValidationReport;

/**
 * Validates a folder of interchange files as the registry does: the interchange parser (formats,
 * codes, ranges, single-record rules, identifiers in free text) and the batch validator (rules
 * between records), with every problem at the CSV line it came from.
 */
public final class FolderValidation {

    private FolderValidation() {
    }

    /** What a folder holds and what is wrong with it. */
    public record Result(ParseResult parsed, ValidationReport report, List<Finding> findings) {

        public RegistryBatch batch() {
            return parsed.batch();
        }

        public boolean hasErrors() {
            return report.hasErrors();
        }

        /** "patients: 12, imaging_studies: 40" (record types with records). */
        public String counts() {
            Map<RecordType, Integer> c = parsed.batch().counts();
            String s = c.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().baseName() + " " + e.getValue()).collect(Collectors.joining(", "));
            return s.isEmpty() ? "no records" : s;
        }
    }

    /**
     * Reads and validates every interchange file of a folder.
     *
     * @throws EtlException (I/O) if the folder cannot be read
     */
    public static Result validate(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new EtlException(ExitCode.IO, folder + " is not a folder.", new NoSuchFileException(folder.toString()));
        }
        ParseResult parsed;
        try {
            parsed = InterchangeFolder.readAll(folder);
        } catch (IOException e) {
            throw EtlException.io("Cannot read " + folder + ": " + e.getMessage(), e);
        }
        ValidationReport batchReport = new BatchValidator().withoutRecordRules()
                .validate(parsed.batch(), RowIndex.byIdentity(new IdentityHashMap<RegistryRecord, Long>(parsed.rows())));
        ValidationReport report = ValidationReport.of(parsed.problems()).merge(batchReport);
        List<Finding> findings = new ArrayList<>();
        for (Problem p : report.problems()) {
            findings.add(Finding.of(p));
        }
        return new Result(parsed, report, findings);
    }
}
