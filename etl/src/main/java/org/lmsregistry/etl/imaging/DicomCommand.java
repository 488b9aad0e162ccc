package org.lmsregistry.etl.imaging;

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
import org.lmsregistry.etl.cli.Progress;
import org.lmsregistry.etl.cli.ReportOptions;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.etl.map.PatientIndex;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.etl.report.Report;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.RecordType;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code etl dicom}: imaging-study records from a folder of DICOM files, and optionally
 * de-identified copies of the files.
 */
@Command(name = "dicom", mixinStandardHelpOptions = true,
        description = { "Reads the headers of every file below FOLDER (never the pixel data; tens of thousands of files "
                + "in little memory), groups them into studies and writes one imaging-study record per study to "
                + "OUT/imaging_studies.csv: modality, body region, day from the patient's diagnosis, contrast, the keyed "
                + "hash of the StudyInstanceUID, linked to the patient's pseudonym.",
            "With --deidentify-to, also writes a de-identified copy of every file (DICOM PS3.15 Annex E Basic Profile, "
                    + "Retain Longitudinal Temporal Information with Modified Dates): keyed UIDs, one date shift per "
                    + "patient, pixel data unchanged.",
            "Files that cannot be read are listed with the reason and skipped. With any error, imaging_studies.csv "
                    + "is not written." })
public final class DicomCommand implements Callable<Integer> {

    @ParentCommand
    EtlMain root;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "Folder of DICOM files (searched recursively; any file names).")
    Path folder;

    static final class PatientSource {
        @Option(names = "--patients", paramLabel = "CSV",
                description = "Patient list: CSV with the columns patient_id (the DICOM Patient ID) and diagnosis_date (2019-03-12).")
        Path csv;

        @Option(names = "--patients-from", paramLabel = "MAPPING",
                description = "Use the patient source of this mapping file (etl map) instead.")
        Path mapping;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    PatientSource patients;

    @Option(names = "--purpose", required = true, paramLabel = "PURPOSE",
            description = "Purpose of every study of this run: ${COMPLETION-CANDIDATES}. Run once per folder of one purpose.")
    StudyPurpose purpose;

    @Option(names = { "-o", "--out" }, required = true, paramLabel = "DIR",
            description = "Folder for imaging_studies.csv (replaced if there). Keep it apart from the folder 'etl map' writes.")
    Path out;

    @Option(names = "--body-region", paramLabel = "REGION",
            description = "Body region of every study of this run (${COMPLETION-CANDIDATES}), instead of Body Part Examined.")
    BodyRegion bodyRegion;

    @Option(names = "--deidentify-to", paramLabel = "DIR",
            description = "Also write de-identified copies below DIR: <pseudonym prefix>/<study>/<series>/<instance>.dcm.")
    Path deidentifyTo;

    @Option(names = "--from-dicomweb", paramLabel = "URL",
            description = "First pull the studies of the listed patients from the site's PACS over DICOMweb (QIDO-RS "
                    + "search by Patient ID, WADO-RS retrieve), e.g. http://pacs.local:8042/dicom-web, into FOLDER "
                    + "(new or empty; identified files, keep it at the site), then read FOLDER as usual.")
    java.net.URI fromDicomweb;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() {
        Console console = root.console();
        if (fromDicomweb == null && !Files.isDirectory(folder)) {
            throw new EtlException(ExitCode.IO, folder + " is not a folder.", null);
        }
        SiteConfig.Loaded site = configOption.load();
        Pseudonymiser pseudonymiser = new Pseudonymiser(site.key());
        List<Finding> findings = new ArrayList<>();
        PatientIndex index = patients.csv != null ? PatientIndex.fromCsv(patients.csv, findings)
                : PatientIndex.fromMapping(patients.mapping, findings);
        if (fromDicomweb != null) {
            pull(console, index);
        }
        DicomScan.Options options = new DicomScan.Options(folder, index, pseudonymiser, site.siteCode(), purpose,
                new BodyRegions(site.bodyRegions()), bodyRegion, deidentifyTo,
                site.config().dicom().dateShiftMaxDaysOrDefault());
        DicomScan.Result result;
        long total = console.interactive() ? DicomScan.count(folder, deidentifyTo) : -1;
        try (Progress progress = Progress.start(console, "DICOM", total, "files")) {
            result = DicomScan.run(options, f -> progress.step());
        }
        findings.addAll(result.findings());
        Report report = new Report("dicom " + folder, findings);
        reportOptions.emit(report, console);
        console.out().println("dicom: " + result.files() + " file(s), " + result.readable() + " read, "
                + result.studiesSeen() + " stud" + (result.studiesSeen() == 1 ? "y" : "ies") + ", "
                + result.studies().size() + " record(s)"
                + (deidentifyTo == null ? "" : ", " + result.copies() + " de-identified cop" + (result.copies() == 1 ? "y" : "ies")
                        + " in " + deidentifyTo)
                + "; " + report.counts());
        if (report.hasErrors()) {
            console.error("imaging_studies.csv was not written: fix the problems above.");
            return ExitCode.DATA_ERRORS;
        }
        Path target = out.resolve(RecordType.IMAGING_STUDY.fileName());
        try {
            Files.createDirectories(out);
            Path tmp = Files.createTempFile(out, ".imaging_studies", ".tmp");
            CsvInterchange.write(RecordType.IMAGING_STUDY, result.studies(), tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw EtlException.io("Cannot write " + target + ": " + e.getMessage(), e);
        }
        console.out().println(target + ": " + result.studies().size() + " record(s)");
        return ExitCode.OK;
    }

    private void pull(Console console, PatientIndex index) {
        DicomWebPull.Result pulled;
        try (Progress progress = Progress.start(console, "DICOMweb", -1, "files")) {
            pulled = new DicomWebPull(fromDicomweb).pull(index.ids(), folder, progress::step);
        } catch (DicomWebPull.PacsException e) {
            throw new EtlException(ExitCode.IO, "Cannot pull from the PACS: " + e.getMessage()
                    + ". Nothing was read; run again when the PACS answers.", e);
        } catch (IOException e) {
            throw EtlException.io("Cannot pull into " + folder + ": " + e.getMessage(), e);
        }
        console.out().println("dicomweb: " + pulled.patients() + " patient(s) asked, " + pulled.studies()
                + " stud" + (pulled.studies() == 1 ? "y" : "ies") + ", " + pulled.files() + " file(s) pulled into " + folder);
    }
}
