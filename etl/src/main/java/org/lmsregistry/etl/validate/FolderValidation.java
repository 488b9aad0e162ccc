package org.lmsregistry.etl.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public record Result(RegistryBatch batch, ValidationReport report, List<Finding> findings,
            Map<String, Origin> origins) {

        public Result(RegistryBatch batch, ValidationReport report, List<Finding> findings) {
            this(batch, report, findings, Map.of());
        }

        /**
         * Where a record came from, by its interchange file name and natural key: the registry names
         * records of a batch by their position in what was sent, the user knows them by file and line.
         */
        public Optional<Origin> originOf(String fileName, String recordKey) {
            return Optional.ofNullable(origins.get(fileName + "\n" + recordKey));
        }

        public boolean hasErrors() {
            return report.hasErrors();
        }

        /** "patients: 12, imaging_studies: 40" (record types with records). */
        public String counts() {
            Map<RecordType, Integer> c = batch.counts();
            String s = c.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().baseName() + " " + e.getValue()).collect(Collectors.joining(", "));
            return s.isEmpty() ? "no records" : s;
        }
    }

    /** A record's file (with its folder when several were validated together) and CSV line. */
    public record Origin(String file, long row) {
    }

    /**
     * Reads and validates every interchange file of a folder.
     *
     * @throws EtlException (I/O) if the folder cannot be read
     */
    public static Result validate(Path folder) {
        return validate(List.of(folder));
    }

    /**
     * Reads and validates the interchange files of several folders as one batch (e.g. the records
     * 'etl map' wrote and the imaging studies 'etl dicom' wrote): rules between records see all of
     * them. With more than one folder, files are named with their folder in the findings.
     *
     * @throws EtlException (I/O) if a folder cannot be read
     */
    public static Result validate(List<Path> folders) {
        boolean several = folders.size() > 1;
        RegistryBatch.Builder all = new RegistryBatch.Builder();
        List<Finding> findings = new ArrayList<>();
        List<Problem> parseProblems = new ArrayList<>();
        // each record gets a number; the number tells its folder and row
        IdentityHashMap<RegistryRecord, Long> ids = new IdentityHashMap<>();
        List<String> folderOf = new ArrayList<>();
        List<Long> rowOf = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new EtlException(ExitCode.IO, folder + " is not a folder.", new NoSuchFileException(folder.toString()));
            }
            ParseResult parsed;
            try {
                parsed = InterchangeFolder.readAll(folder);
            } catch (IOException e) {
                throw EtlException.io("Cannot read " + folder + ": " + e.getMessage(), e);
            }
            String prefix = several ? folder + "/" : "";
            for (Problem p : parsed.problems()) {
                parseProblems.add(p);
                Finding f = Finding.of(p);
                findings.add(several ? f.at(prefix + f.file(), f.row(), f.field()) : f);
            }
            parsed.batch().all().forEach(r -> {
                all.add(r);
                ids.put(r, (long) folderOf.size() + 1);
                folderOf.add(prefix);
                rowOf.add(parsed.rowOf(r).orElse(0));
            });
        }
        RegistryBatch batch = all.build();
        Map<String, Origin> origins = new HashMap<>();
        ids.forEach((r, id) -> {
            String file = RecordType.of(r).fileName();
            origins.putIfAbsent(file + "\n" + r.naturalKey(),
                    new Origin(folderOf.get((int) (id - 1)) + file, rowOf.get((int) (id - 1))));
        });
        ValidationReport batchReport = new BatchValidator().withoutRecordRules().validate(batch, RowIndex.byIdentity(ids));
        List<Problem> fixed = new ArrayList<>();
        for (Problem p : batchReport.problems()) {
            int i = (int) p.row() - 1;
            long row = i >= 0 && i < rowOf.size() ? rowOf.get(i) : 0;
            Problem atRow = p.atRow(row);
            fixed.add(atRow);
            Finding f = Finding.of(atRow);
            String prefix = i >= 0 && i < folderOf.size() ? folderOf.get(i) : "";
            findings.add(prefix.isEmpty() ? f : f.at(prefix + f.file(), f.row(), f.field()));
        }
        ValidationReport report = ValidationReport.of(parseProblems).merge(ValidationReport.of(fixed));
        return new Result(batch, report, findings, origins);
    }
}
