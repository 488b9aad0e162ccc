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
 * (status, timings, data checksum, software version, results JSON, report, log). The Spark jobs fill
 * in the outcome; the registry keeps the record.
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

    public void started(String softwareVersion) {
        requireStatus(AnalysisRunStatus.QUEUED);
        this.status = AnalysisRunStatus.RUNNING;
        this.softwareVersion = softwareVersion;
        this.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void succeeded(String dataChecksum, String results, String report, String log) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.status = AnalysisRunStatus.SUCCEEDED;
        this.dataChecksum = dataChecksum;
        this.results = results;
        this.report = report;
        this.log = log;
        this.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void failed(String log) {
        requireStatus(AnalysisRunStatus.RUNNING);
        this.status = AnalysisRunStatus.FAILED;
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
}
