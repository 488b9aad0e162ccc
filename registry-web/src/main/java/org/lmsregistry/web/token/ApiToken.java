package org.lmsregistry.web.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.security.ApiTokens;
import org.lmsregistry.web.site.Site;

/**
 * An API bearer token of one site (role UPLOADER). The registry keeps the token's SHA-256 and its
 * first characters, never the token; revoking is final.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_id")
    @SequenceGenerator(name = "api_token_id", sequenceName = "api_token_id_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id", updatable = false)
    private Site site;

    @Column(updatable = false)
    private String label;

    @Column(name = "token_hash", updatable = false)
    private String tokenHash;

    @Column(name = "token_prefix", updatable = false)
    private String tokenPrefix;

    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Version
    private int version;

    protected ApiToken() {
    }

    /** A token for the given secret (hashed here; the secret itself is not kept). */
    public ApiToken(Site site, String label, String secret, String createdBy, OffsetDateTime expiresAt) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new IllegalArgumentException("a token label has 1-100 characters");
        }
        this.site = site;
        this.label = label;
        this.tokenHash = ApiTokens.hash(secret);
        this.tokenPrefix = ApiTokens.shownPrefix(secret);
        this.createdBy = createdBy;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.expiresAt = expiresAt;
    }

    public void revoke(String by) {
        if (revokedAt != null) {
            throw new ConflictException("token " + id + " is revoked already");
        }
        revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
        revokedBy = by;
    }

    public boolean isActive() {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    public Long id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public String label() {
        return label;
    }

    public String tokenPrefix() {
        return tokenPrefix;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }
}
