package org.lmsregistry.web.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One event of the audit trail, for reading. Events are written only by {@link AuditTrail} (which
 * hashes and chains them); the entity is read-only and the table refuses updates and deletes.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private Long seq;

    @Column(name = "occurred_at")
    private OffsetDateTime occurredAt;

    private String actor;

    @Column(name = "actor_role")
    private String actorRole;

    @Column(name = "site_code")
    private String siteCode;

    @Column(name = "record_type")
    private String recordType;

    @Column(name = "record_key")
    private String recordKey;

    private String action;

    @Column(name = "before_values")
    private String before;

    @Column(name = "after_values")
    private String after;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "upload_id")
    private Long uploadId;

    @Column(name = "prev_hash")
    private String prevHash;

    private String hash;

    protected AuditEvent() {
    }

    public long seq() {
        return seq;
    }

    public OffsetDateTime occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String actorRole() {
        return actorRole;
    }

    public String siteCode() {
        return siteCode;
    }

    public String recordType() {
        return recordType;
    }

    public String recordKey() {
        return recordKey;
    }

    public String action() {
        return action;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public String requestId() {
        return requestId;
    }

    public Long uploadId() {
        return uploadId;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
