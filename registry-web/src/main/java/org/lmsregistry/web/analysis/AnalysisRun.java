package org.lmsregistry.web.analysis;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.lmsregistry.web.application.ConflictException;

/**
 * One analysis a statistician asked for: kind, parameters and cohort (JSON text), and what came out
 * (status, progress, timings, data checksum, software version, results JSON, report, log). The
 * launcher ({@link AnalysisQueue}) runs the Spark jobs and records their outcome here.
 */
@Entity
@Table(name = "analysis_run")
public class AnalysisRun {

    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "analysis_run_id")
    @SequenceGenerator(name = "analysis_run_id", sequenceName = "analysis_run_id_seq", allocationSize = 1)
    private Long id;

    @Column(updatable = false)
    private String kind;

    @Column(updatable = false)
    private String parameters;

    @Column(updatable = false)
    private String cohort;

    @Column(name = "data_checksum")
    private String dataChecksum;

    @Column(name = "software_version")
    private String softwareVersion;

    @Enumerated(EnumType.STRING)
    private AnalysisRunStatus status;

    @Column(name = "requested_by", updatable = false)
    private String requestedBy;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    private String results;

    private String report;

    private String log;

    private int progress;

    private String step;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    private String failure;

    @Version
    private int version;

    protected AnalysisRun() {
    }

    public AnalysisRun(String kind, String parameters, String cohort, String requestedBy) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("an analysis kind is a lower-case name such as associations");
        }
        this.kind = kind;
        this.parameters = parameters == null ? "{}" : parameters;
        this.cohort = cohort == null ? "{}" : cohort;
        this.requestedBy = requestedBy;
        this.status = AnalysisRunStatus.QUEUED;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Taken from the queue by the launcher. */
    public void started() {
        requireStatus(AnalysisRunStatus.QUEUED);
        this.status = AnalysisRunStatus.RUNNING;
        this.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.progress = 0;
        this.step = JobProgress.Step.SNAPSHOT.name();
    }

    public void progressed(JobProgress.Step step, int percent) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.step = step.name();
        this.progress = Math.max(this.progress, Math.min(100, Math.max(0, percent)));
    }

    public void succeeded(String dataChecksum, String softwareVersion, String results, String report, String log) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.status = AnalysisRunStatus.SUCCEEDED;
        this.dataChecksum = dataChecksum;
        this.softwareVersion = softwareVersion;
        this.results = results;
        this.report = report;
        this.log = log;
        this.progress = 100;
        this.step = null;
        this.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The run ended without results; {@code failure} says why in one sentence, the log shows the details. */
    public void failed(String failure, String log) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.status = AnalysisRunStatus.FAILED;
        this.failure = failure;
        this.log = log;
        this.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * A statistician cancels: a queued run ends at once; a running one is marked, and ends when the
     * launcher has stopped its child processes.
     */
    public void cancel() {
        if (status == AnalysisRunStatus.QUEUED) {
            this.status = AnalysisRunStatus.CANCELLED;
            this.failure = "cancelled before it started";
            this.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        } else if (status == AnalysisRunStatus.RUNNING) {
            this.cancelRequested = true;
        } else {
            throw new ConflictException("analysis run " + id + " is " + status + " and cannot be cancelled");
        }
    }

    public void cancelled(String log) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.status = AnalysisRunStatus.CANCELLED;
        this.failure = "cancelled while running";
        this.log = log;
        this.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void requireStatus(AnalysisRunStatus expected) {
        if (status != expected) {
            throw new ConflictException("analysis run " + id + " is " + status + ", not " + expected);
        }
    }

    public Long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String parameters() {
        return parameters;
    }

    public String cohort() {
        return cohort;
    }

    public String dataChecksum() {
        return dataChecksum;
    }

    public String softwareVersion() {
        return softwareVersion;
    }

    public AnalysisRunStatus status() {
        return status;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    public String results() {
        return results;
    }

    public String report() {
        return report;
    }

    public String log() {
        return log;
    }

    /** Percent done, 0-100 (only ever grows while the run runs). */
    public int progress() {
        return progress;
    }

    /** The step a running run is in, or null. */
    public JobProgress.Step step() {
        return step == null ? null : JobProgress.Step.valueOf(step);
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Why a run failed or was cancelled, in one sentence; null otherwise. */
    public String failure() {
        return failure;
    }
}
