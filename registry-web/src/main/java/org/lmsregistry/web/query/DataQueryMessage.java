package org.lmsregistry.web.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One message in a data query's thread; never changed once written. */
@Entity
@Table(name = "data_query_message")
public class DataQueryMessage {

    public static final int MAX_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "data_query_message_id")
    @SequenceGenerator(name = "data_query_message_id", sequenceName = "data_query_message_id_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "query_id", updatable = false)
    private DataQuery query;

    @Column(updatable = false)
    private String author;

    @Column(name = "author_role", updatable = false)
    private String authorRole;

    @Column(updatable = false)
    private String body;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    protected DataQueryMessage() {
    }

    DataQueryMessage(DataQuery query, String author, String authorRole, String body) {
        if (body == null || body.isBlank() || body.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a message has 1-" + MAX_LENGTH + " characters");
        }
        this.query = query;
        this.author = author;
        this.authorRole = authorRole;
        this.body = body;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Long id() {
        return id;
    }

    public String author() {
        return author;
    }

    public String authorRole() {
        return authorRole;
    }

    public String body() {
        return body;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
