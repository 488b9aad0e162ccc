package org.lmsregistry.web.upload;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.lmsregistry.web.site.Site;

/**
 * One upload and the answer the registry gave to it (replayed to retries with the same idempotency
 * key). Written with JDBC inside the upload's own transaction ({@link UploadTransaction}), read here.
 */
@Entity
@Table(name = "upload_batch")
public class UploadBatch {

    @Id
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id")
    private Site site;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_sha256")
    private String requestSha256;

    private String uploader;

    @Column(name = "uploader_role")
    private String uploaderRole;

    @Enumerated(EnumType.STRING)
    private UploadFormat format;

    @Enumerated(EnumType.STRING)
    private UploadStatus status;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "records_received")
    private int recordsReceived;

    @Column(name = "records_created")
    private int recordsCreated;

    @Column(name = "records_updated")
    private int recordsUpdated;

    @Column(name = "records_unchanged")
    private int recordsUnchanged;

    @Column(name = "error_count")
    private int errorCount;

    @Column(name = "warning_count")
    private int warningCount;

    @Column(name = "response_status")
    private Integer responseStatus;

    @Column(name = "response_body")
    private String responseBody;

    @Column(name = "request_id")
    private String requestId;

    protected UploadBatch() {
    }

    public Long id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String requestSha256() {
        return requestSha256;
    }

    public String uploader() {
        return uploader;
    }

    public String uploaderRole() {
        return uploaderRole;
    }

    public UploadFormat format() {
        return format;
    }

    public UploadStatus status() {
        return status;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    public int recordsReceived() {
        return recordsReceived;
    }

    public int recordsCreated() {
        return recordsCreated;
    }

    public int recordsUpdated() {
        return recordsUpdated;
    }

    public int recordsUnchanged() {
        return recordsUnchanged;
    }

    public int errorCount() {
        return errorCount;
    }

    public int warningCount() {
        return warningCount;
    }

    public Integer responseStatus() {
        return responseStatus;
    }

    public String responseBody() {
        return responseBody;
    }

    public String requestId() {
        return requestId;
    }
}
