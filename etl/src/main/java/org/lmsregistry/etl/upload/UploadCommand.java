package org.lmsregistry.etl.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.cli.ConfigOption;
import org.lmsregistry.etl.cli.Progress;
import org.lmsregistry.etl.cli.ReportOptions;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.etl.guard.IdentifierGuard;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.etl.report.Report;
import org.lmsregistry.etl.validate.FolderValidation;
import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Severity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code etl upload}: validated, guarded, batched, idempotent and resumable upload of a folder. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = { "Uploads a folder of registry files to the registry: validates it and runs the identifier "
                + "guard first (nothing is sent on any error), then sends the records in batches of whole patients, "
                + "each with an idempotency key derived from its content.",
            "Connection failures and 5xx answers are retried with exponential backoff; a 4xx answer stops the upload. "
                    + "Each accepted batch is written to a local journal, so running the same command again after an "
                    + "interruption sends only what the registry has not accepted, and a batch it stored but could not "
                    + "confirm is answered, not stored twice.",
            "The token comes from the site configuration's token_file, --token-file, or $LMS_REGISTRY_TOKEN; it is never "
                    + "printed." })
public final class UploadCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    EtlMain root;

    @Parameters(arity = "1..*", paramLabel = "FOLDER",
            description = "Folder(s) of registry CSV files, validated first as one batch (e.g. those of 'etl map' and 'etl dicom').")
    List<Path> folders;

    @Option(names = "--registry-url", paramLabel = "URL", description = "The registry (default: registry_url of the site configuration).")
    URI registryUrl;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the upload token (default: token_file of the site configuration, else $LMS_REGISTRY_TOKEN).")
    Path tokenFile;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2000",
            description = "Records per batch, at most (whole patients per batch; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "The local journal of accepted batches (default: .lms-upload-journal.jsonl in the first FOLDER).")
    Path journalFile;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
            description = "Retries of a batch after a connection failure or a 5xx answer (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", paramLabel = "MS", defaultValue = "1000",
            description = "Delay before the first retry in milliseconds, doubled each time (default ${DEFAULT-VALUE}).")
    long retryDelay;

    @Option(names = "--retry-max-delay", paramLabel = "MS", defaultValue = "60000",
            description = "Longest delay between retries in milliseconds (default ${DEFAULT-VALUE}).")
    long retryMaxDelay;

    @Option(names = "--dry-run", description = "Validate, guard and plan the batches; send nothing.")
    boolean dryRun;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ReportOptions reportOptions;

    /** How the command waits between retries (tests replace it). */
    static RegistryClient.Sleeper sleeper = TimeUnit.MILLISECONDS::sleep;

    @Override
    public Integer call() throws InterruptedException {
        Console console = root.console();
        if (batchSize < 1 || retries < 0 || retryDelay < 0 || retryMaxDelay < retryDelay) {
            throw EtlException.usage("--batch-size must be 1 or more, --retries and --retry-delay 0 or more, and "
                    + "--retry-max-delay at least --retry-delay.");
        }
        SiteConfig.Loaded site = configOption.load();
        URI registry = registryUrl != null ? registryUrl
                : site.config().registryUrl() == null ? null : URI.create(site.config().registryUrl());
        if (!dryRun && registry == null) {
            throw EtlException.usage("No registry: give --registry-url or set registry_url in " + site.file() + ".");
        }
        // 1. the registry's validation, offline
        Path folder = folders.get(0);
        String names = folders.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "));
        FolderValidation.Result validation = FolderValidation.validate(folders);
        List<Finding> findings = new ArrayList<>(validation.findings());
        for (RegistryRecord r : validation.batch().all().toList()) {
            if (!site.siteCode().equals(siteCodeOf(r))) {
                findings.add(new Finding(Severity.ERROR, "", 0, r.naturalKey(), "site_code", siteCodeOf(r), "site",
                        "A record of site " + siteCodeOf(r) + " in the upload of site " + site.siteCode() + "."));
                break;
            }
        }
        Report validationReport = new Report("upload " + names + " (validation)", findings);
        if (validationReport.hasErrors()) {
            reportOptions.emit(validationReport, console);
            console.error("Nothing was sent: the folder does not pass validation.");
            return ExitCode.DATA_ERRORS;
        }
        // 2. the identifier guard
        List<Finding> guarded = new ArrayList<>();
        for (Path f : folders) {
            List<Finding> g = IdentifierGuard.check(f);
            g.forEach(x -> guarded.add(folders.size() == 1 ? x : x.at(f + "/" + x.file(), x.row(), x.field())));
        }
        Report guard = new Report("upload " + names + " (identifier guard)", guarded);
        if (guard.hasErrors()) {
            reportOptions.emit(guard, console);
            console.error("Nothing was sent: something looks like an identifier.");
            return ExitCode.IDENTIFIERS_FOUND;
        }
        if (validationReport.warnings() > 0) {
            reportOptions.emit(validationReport, console);
        }
        // 3. the plan: whole patients, deterministic batches, minus what the journal says was accepted
        String registryText = registry == null ? "(dry run)" : registry.toString().replaceAll("/+$", "");
        Path journalPath = journalFile != null ? journalFile : folder.resolve(".lms-upload-journal.jsonl");
        UploadJournal journal = new UploadJournal(journalPath, registryText, site.siteCode());
        List<UploadPlan.PatientRecords> patients = UploadPlan.patients(validation.batch());
        Set<String> done;
        try {
            done = journal.done();
        } catch (IOException e) {
            throw EtlException.io("Cannot read the journal " + journalPath + ": " + e.getMessage(), e);
        }
        List<UploadPlan.PatientRecords> todo = UploadPlan.remaining(patients, done);
        List<UploadPlan.Batch> batches = UploadPlan.batches(site.siteCode(), todo, batchSize);
        int total = todo.stream().mapToInt(p -> p.records().size()).sum();
        console.out().println("upload " + names + ": " + patients.size() + " patient(s), " + (patients.size() - todo.size())
                + " already accepted, " + todo.size() + " to send in " + batches.size() + " batch(es) of at most "
                + batchSize + " records (" + total + " records)");
        if (dryRun) {
            for (UploadPlan.Batch b : batches) {
                console.out().println("  " + b.key() + ": " + b.patients().size() + " patient(s), " + UploadPlan.counts(b));
            }
            return ExitCode.OK;
        }
        // 4. send
        RegistryClient client = new RegistryClient(registry, token(site),
                new RegistryClient.Retry(retries, retryDelay, retryMaxDelay), sleeper);
        int sent = 0;
        try (Progress progress = Progress.start(console, "upload", total, "records")) {
            for (UploadPlan.Batch b : batches) {
                byte[] body = json(b);
                RegistryClient.Answer answer;
                int number = sent + 1;
                try {
                    answer = client.send(b.key(), body, (n, reason, delay) -> console.warn("batch " + number
                            + ": " + reason + "; retry " + n + " of " + retries + " in " + delay + " ms"));
                } catch (RegistryClient.UnavailableException e) {
                    console.error("Stopped: " + e.getMessage() + ". " + sent + " of " + batches.size() + " batch(es) "
                            + "were accepted and are in " + journalPath + "; run the same command again to send the rest.");
                    return ExitCode.REGISTRY_UNAVAILABLE;
                }
                if (!answer.accepted()) {
                    return refused(console, b, answer, sent, batches.size(), journalPath, validation);
                }
                try {
                    journal.accepted(b, answer.status(), parse(answer.body()));
                } catch (IOException e) {
                    throw EtlException.io("The registry accepted batch " + b.key() + " but the journal " + journalPath
                            + " cannot be written (" + e.getMessage() + "). Fix that and run again: the batch will be "
                            + "answered, not stored twice.", e);
                }
                sent++;
                progress.stepBy(b.records());
            }
        }
        console.out().println("upload: " + sent + " batch(es), " + total + " record(s) accepted by " + registryText);
        return ExitCode.OK;
    }

    private static String siteCodeOf(RegistryRecord r) {
        return r.naturalKey().substring(0, r.naturalKey().indexOf('/'));
    }

    private int refused(Console console, UploadPlan.Batch b, RegistryClient.Answer answer, int sent, int batches,
            Path journalPath, FolderValidation.Result validation) {
        String why = switch (answer.status()) {
            case 401 -> "the registry did not accept the token (401)";
            case 403 -> "the token may not upload for this site (403)";
            case 409 -> "the registry reports a conflict (409), e.g. this idempotency key with other content";
            case 413 -> "the batch is too large for the registry (413): use a smaller --batch-size";
            case 422 -> "the registry refused the batch (422)";
            default -> "the registry answered " + answer.status();
        };
        List<Finding> problems = new ArrayList<>();
        JsonNode body = parse(answer.body());
        if (body != null) {
            for (JsonNode p : body.path("problems")) {
                problems.add(serverProblem(p, validation));
            }
        }
        if (!problems.isEmpty()) {
            reportOptions.emit(new Report("registry answer to batch " + (sent + 1), problems), console);
        } else if (body != null && body.hasNonNull("detail")) {
            // an RFC 9457 problem document: its sentence, and the request id the registry's log knows it by
            console.note("registry: " + body.path("detail").asText()
                    + (body.hasNonNull("requestId") ? " (request " + body.path("requestId").asText() + ")" : ""));
        } else if (answer.body() != null && !answer.body().isBlank()) {
            console.note("registry: " + answer.body().substring(0, Math.min(2000, answer.body().length())));
        }
        console.error("Stopped: " + why + " (batch " + (sent + 1) + " of " + batches + ", key " + b.key() + "). "
                + sent + " batch(es) before it were accepted (journal " + journalPath + ").");
        return ExitCode.UPLOAD_REFUSED;
    }

    /**
     * One item of the registry's {@code problems[]} (as its ProblemJsonWriter writes them: record_type,
     * file, row, record_key, field, value, rule, severity, message; see docs/api.md), placed at the
     * local file and line the record came from: the registry's row is the record's position in the
     * batch it was sent in, which the user cannot see.
     */
    static Finding serverProblem(JsonNode p, FolderValidation.Result validation) {
        Severity severity = "WARNING".equalsIgnoreCase(p.path("severity").asText()) ? Severity.WARNING : Severity.ERROR;
        String file = text(p, "file");
        String key = text(p, "record_key");
        long row = p.path("row").asLong(0);
        String message = p.path("message").asText(p.toString());
        var origin = validation.originOf(file, key);
        if (origin.isPresent()) {
            file = origin.get().file();
            row = origin.get().row();
        } else if (row > 0) {
            message = message + " (row " + row + " of the batch sent)";
            row = 0;
        }
        return new Finding(severity, file, row, key, p.path("field").asText(""), p.path("value").asText(""),
                p.path("rule").asText("registry"), message);
    }

    private static String text(JsonNode p, String name) {
        JsonNode n = p.path(name);
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body.substring(0, Math.min(500, body.length())));
        }
    }

    private static byte[] json(UploadPlan.Batch b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonInterchange.write(b.toRegistryBatch(), out);
        return out.toByteArray();
    }

    private String token(SiteConfig.Loaded site) {
        Path file = tokenFile != null ? tokenFile
                : site.config().tokenFile() != null ? site.resolve(site.config().tokenFile()) : null;
        String token;
        if (file != null) {
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new EtlException(ExitCode.IO, "No token file " + file + ".", e);
            } catch (IOException e) {
                throw EtlException.io("Cannot read the token file " + file + ": " + e.getMessage(), e);
            }
        } else {
            token = System.getenv("LMS_REGISTRY_TOKEN");
            token = token == null ? "" : token.strip();
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw EtlException.usage("No upload token: put it in a token file (--token-file, or token_file in the site "
                    + "configuration) or in $LMS_REGISTRY_TOKEN; it must be one line of printable characters.");
        }
        return token;
    }
}
