package org.lmsregistry.etl.imaging;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.dicom.DicomDeidentifier;
import org.lmsregistry.etl.dicom.DicomFiles;
import org.lmsregistry.etl.dicom.DicomHeader;
import org.lmsregistry.etl.dicom.DicomReadException;
import org.lmsregistry.etl.map.PatientIndex;
import org.lmsregistry.etl.report.EtlRule;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RecordRules;

/**
 * Walks a folder of DICOM files in a fixed order (names sorted), reads each header (never the pixel
 * data), groups the files into studies and makes one imaging-study record per study; optionally
 * writes a de-identified copy of every file of a known patient. Memory grows with the number of
 * studies, not of files.
 */
public final class DicomScan {

    /**
     * What to do.
     *
     * @param root          the folder walked (all files below it, any name)
     * @param patients      local patient identifier to diagnosis date
     * @param pseudonymiser the site's keyed mappings
     * @param siteCode      the site
     * @param purpose       the purpose of every study of this run
     * @param regions       body part to body region
     * @param forcedRegion  the body region of every study of this run, or null
     * @param deidentifyTo  where to write de-identified copies, or null
     * @param maxShiftDays  the largest per-patient date shift
     */
    record Options(Path root, PatientIndex patients, Pseudonymiser pseudonymiser, String siteCode,
            StudyPurpose purpose, BodyRegions regions, BodyRegion forcedRegion, Path deidentifyTo, int maxShiftDays) {
    }

    /** What a scan found and made. */
    record Result(List<ImagingStudy> studies, List<Finding> findings, int files, int readable, int copies,
            int studiesSeen) {
    }

    private final Options o;
    private final List<Finding> findings = new ArrayList<>();
    private final StudyCollector collector = new StudyCollector();
    private final DicomDeidentifier deidentifier;
    private final Set<String> copied = new HashSet<>();
    private int files;
    private int readable;
    private int copies;

    private DicomScan(Options o) {
        this.o = o;
        this.deidentifier = o.deidentifyTo() == null ? null : new DicomDeidentifier(o.pseudonymiser()::replacementUid);
    }

    static Result run(Options o, Consumer<Path> progress) {
        return new DicomScan(o).run(progress);
    }

    /** What {@link #headersOnly} saw. */
    public record HeaderScan(long files, long readable, int studies) {
    }

    /**
     * The reading half of a scan, for the benchmark: every file's header read and grouped into
     * studies exactly as {@code etl dicom} does, without patients, records or copies.
     */
    public static HeaderScan headersOnly(Path root, Consumer<Path> afterEachFile) {
        StudyCollector collector = new StudyCollector();
        long[] n = new long[2];
        walk(root, null, file -> {
            n[0]++;
            try {
                collector.add(DicomFiles.readHeader(file), "");
                n[1]++;
            } catch (DicomReadException e) {
                // counted as unreadable
            }
            afterEachFile.accept(file);
        });
        return new HeaderScan(n[0], n[1], collector.size());
    }

    /** Counts the files a scan would read (for a progress bar). */
    static long count(Path root, Path skip) {
        long[] n = { 0 };
        walk(root, skip, f -> n[0]++);
        return n[0];
    }

    private Result run(Consumer<Path> progress) {
        walk(o.root(), o.deidentifyTo(), file -> {
            file(file);
            progress.accept(file);
        });
        List<ImagingStudy> rows = new ArrayList<>();
        for (StudyCollector.Study s : collector.studies()) {
            ImagingStudy row = study(s);
            if (row != null) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(ImagingStudy::patientPseudonym).thenComparing(ImagingStudy::day)
                .thenComparing(ImagingStudy::studyId));
        return new Result(rows, findings, files, readable, copies, collector.size());
    }

    /** Every regular file below root, directories in name order, skipping the copies' folder. */
    private static void walk(Path dir, Path skip, Consumer<Path> action) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            throw EtlException.io("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path p : entries) {
            if (skip != null && p.toAbsolutePath().normalize().equals(skip.toAbsolutePath().normalize())) {
                continue;
            }
            if (Files.isDirectory(p)) {
                walk(p, skip, action);
            } else if (Files.isRegularFile(p)) {
                action.accept(p);
            }
        }
    }

    private String rel(Path file) {
        return o.root().relativize(file).toString();
    }

    private void file(Path file) {
        files++;
        DicomHeader h;
        try {
            h = DicomFiles.readHeader(file);
        } catch (DicomReadException e) {
            findings.add(Finding.of(EtlRule.DICOM_UNREADABLE, rel(file), 0, "", "", e.getMessage()));
            return;
        }
        readable++;
        collector.add(h, rel(file));
        if (deidentifier == null) {
            return;
        }
        PatientIndex.Dates dates = o.patients().get(h.patientId());
        if (dates == null || h.patientId().isEmpty()) {
            return; // reported once for the study
        }
        if (!copied.add(h.sopInstanceUid())) {
            findings.add(Finding.of(EtlRule.DICOM_DUPLICATE, rel(file), 0, "", "",
                    "Another file of this run holds the same SOP instance; this one was not copied."));
            return;
        }
        try {
            String pseudonym = o.pseudonymiser().patientPseudonym(h.patientId());
            int shift = o.pseudonymiser().dateShiftDays(h.patientId(), o.maxShiftDays());
            deidentifier.deidentify(file, o.deidentifyTo(), pseudonym, shift);
            copies++;
        } catch (DicomReadException e) {
            findings.add(Finding.of(EtlRule.DICOM_DEIDENTIFY, rel(file), 0, "", "", e.getMessage()));
        } catch (IOException e) {
            throw EtlException.io("Cannot write a de-identified copy below " + o.deidentifyTo() + ": " + e.getMessage(), e);
        }
    }

    private ImagingStudy study(StudyCollector.Study s) {
        String where = s.firstFile + (s.files > 1 ? " (and " + (s.files - 1) + " more files of the study)" : "");
        if (s.patientIds.size() != 1 || s.patientIds.iterator().next().isEmpty()) {
            findings.add(Finding.of(EtlRule.DICOM_MIXED, where, 0, "PatientID", "", s.patientIds.size() > 1
                    ? "The files of this study have " + s.patientIds.size() + " different Patient IDs."
                    : "The study's files have no Patient ID."));
            return null;
        }
        String id = s.patientIds.iterator().next();
        PatientIndex.Dates dates = o.patients().get(id);
        if (dates == null) {
            findings.add(Finding.of(EtlRule.DICOM_NO_PATIENT, where, 0, "PatientID", "", "The study's Patient ID is "
                    + "not in the patient list (" + o.patients().source() + "); its files were not copied."));
            return null;
        }
        if (dates.diagnosis() == null) {
            return null; // the patient list's problem was reported there
        }
        Set<Modality> modalities = StudyModality.of(s.modalities);
        if (modalities.isEmpty()) {
            findings.add(Finding.of(EtlRule.DICOM_MODALITY, where, 0, "Modality", String.join("\\", s.modalities),
                    "No modality the registry records (MR, CT, PT with CT, US, CR, DX); the study was skipped."));
            return null;
        }
        if (modalities.size() > 1) {
            findings.add(Finding.of(EtlRule.DICOM_MIXED, where, 0, "Modality", String.join("\\", s.modalities),
                    "The series of this study are of several registry modalities " + modalities + "."));
            return null;
        }
        LocalDate date = earliest(s.dates);
        if (date == null) {
            findings.add(Finding.of(EtlRule.DICOM_NO_DATE, where, 0, "StudyDate", String.join("\\", s.dates),
                    "No readable study, series, acquisition or content date."));
            return null;
        }
        BodyRegion region = region(s, where);
        if (region == null) {
            return null;
        }
        String uidHash = o.pseudonymiser().studyUidHash(s.studyInstanceUid);
        FieldValues v = new FieldValues();
        v.put("site_code", o.siteCode());
        v.put("patient_pseudonym", o.pseudonymiser().patientPseudonym(id));
        v.put("study_id", studyId(uidHash));
        v.put("day", Math.toIntExact(ChronoUnit.DAYS.between(dates.diagnosis(), date)));
        v.put("modality", modalities.iterator().next());
        v.put("purpose", o.purpose());
        v.put("body_region", region);
        v.put("contrast", s.contrast);
        v.put("study_uid_hash", uidHash);
        v.put("source", RecordSource.ETL);
        List<Problem> problems = RecordRules.check(RecordType.IMAGING_STUDY, v);
        for (Problem p : problems) {
            findings.add(Finding.of(p).at(where, 0, p.field()));
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return null;
        }
        return (ImagingStudy) RecordType.IMAGING_STUDY.create(v);
    }

    /**
     * The study's key: "DCM-" and the first 16 hex digits of the keyed UID hash written as the letters
     * a-p, so that a key is never a run of digits an identifier screen would take for a record number.
     */
    static String studyId(String uidHash) {
        StringBuilder b = new StringBuilder("DCM-");
        for (int i = 0; i < 16; i++) {
            b.append((char) ('a' + Character.digit(uidHash.charAt(i), 16)));
        }
        return b.toString();
    }

    private BodyRegion region(StudyCollector.Study s, String where) {
        if (o.forcedRegion() != null) {
            return o.forcedRegion();
        }
        Set<BodyRegion> regions = EnumSet.noneOf(BodyRegion.class);
        Set<String> unknown = new TreeSet<>();
        for (String part : s.bodyParts) {
            o.regions().of(part).ifPresentOrElse(regions::add, () -> unknown.add(part));
        }
        String parts = String.join("\\", s.bodyParts);
        if (!unknown.isEmpty()) {
            findings.add(Finding.of(EtlRule.DICOM_BODY_REGION, where, 0, "BodyPartExamined", parts, "Body part "
                    + unknown + " has no registry body region: add it under dicom.body_regions in the site "
                    + "configuration, or give --body-region for this run."));
            return null;
        }
        if (regions.size() != 1) {
            findings.add(Finding.of(EtlRule.DICOM_BODY_REGION, where, 0, "BodyPartExamined", parts,
                    regions.isEmpty() ? "The study's files have no Body Part Examined: give --body-region for this run."
                            : "The study covers several body regions " + regions + ": give --body-region for this run."));
            return null;
        }
        return regions.iterator().next();
    }

    /** The earliest full date (YYYYMMDD or the old YYYY.MM.DD), or null. */
    static LocalDate earliest(Set<String> dates) {
        LocalDate best = null;
        for (String d : dates) {
            String digits = d.replace(".", "");
            if (digits.length() != 8) {
                continue;
            }
            try {
                LocalDate x = LocalDate.parse(digits, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                best = best == null || x.isBefore(best) ? x : best;
            } catch (java.time.format.DateTimeParseException e) {
                // not a date: ignored
            }
        }
        return best;
    }
}
