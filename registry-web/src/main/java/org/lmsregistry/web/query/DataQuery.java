package org.lmsregistry.web.query;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.site.Site;

/**
 * A question on one field of one record, with its thread of messages. Raised by a validation warning
 * (rule set) or by a person; the site answers (status ANSWERED); the registry closes it. A closed
 * query takes no more messages.
 */
@Entity
@Table(name = "data_query")
public class DataQuery {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "data_query_id")
    @SequenceGenerator(name = "data_query_id", sequenceName = "data_query_id_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id", updatable = false)
    private Site site;

    @Column(name = "record_type", updatable = false)
    private String recordType;

    @Column(name = "record_key", updatable = false)
    private String recordKey;

    @Column(updatable = false)
    private String field;

    @Column(updatable = false)
    private String value;

    @Column(updatable = false)
    private String rule;

    @Column(updatable = false)
    private String message;

    @Enumerated(EnumType.STRING)
    private DataQueryStatus status;

    @Column(name = "raised_by", updatable = false)
    private String raisedBy;

    @Column(name = "upload_id", updatable = false)
    private Long uploadId;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @OneToMany(mappedBy = "query", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<DataQueryMessage> messages = new ArrayList<>();

    @Version
    private int version;

    protected DataQuery() {
    }

    /** A query raised by a person on a record of a site. */
    public DataQuery(Site site, String recordType, String recordKey, String field, String value, String message,
            String raisedBy) {
        this.site = site;
        this.recordType = recordType;
        this.recordKey = recordKey;
        this.field = field == null ? "" : field;
        this.value = value == null ? "" : value;
        this.message = message;
        this.raisedBy = raisedBy;
        this.status = DataQueryStatus.OPEN;
        this.createdAt = now();
        this.updatedAt = createdAt;
    }

    /** The site answers: the message joins the thread and the query waits for the registry. */
    public DataQueryMessage answer(String author, String authorRole, String body) {
        DataQueryMessage m = addMessage(author, authorRole, body);
        status = DataQueryStatus.ANSWERED;
        return m;
    }

    /** The registry comments (e.g. asks again): the query is open again. */
    public DataQueryMessage comment(String author, String authorRole, String body) {
        DataQueryMessage m = addMessage(author, authorRole, body);
        status = DataQueryStatus.OPEN;
        return m;
    }

    public void close(String by, String note, String byRole) {
        requireNotClosed();
        if (note != null && !note.isBlank()) {
            messages.add(new DataQueryMessage(this, by, byRole, note));
        }
        status = DataQueryStatus.CLOSED;
        closedAt = now();
        closedBy = by;
        updatedAt = closedAt;
    }

    private DataQueryMessage addMessage(String author, String authorRole, String body) {
        requireNotClosed();
        DataQueryMessage m = new DataQueryMessage(this, author, authorRole, body);
        messages.add(m);
        updatedAt = now();
        return m;
    }

    private void requireNotClosed() {
        if (status == DataQueryStatus.CLOSED) {
            throw new ConflictException("data query " + id + " is closed");
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Long id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public String recordType() {
        return recordType;
    }

    public String recordKey() {
        return recordKey;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String rule() {
        return rule;
    }

    public String message() {
        return message;
    }

    public DataQueryStatus status() {
        return status;
    }

    public String raisedBy() {
        return raisedBy;
    }

    public Long uploadId() {
        return uploadId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public List<DataQueryMessage> messages() {
        return Collections.unmodifiableList(messages);
    }
}
