package org.lmsregistry.web.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.lmsregistry.web.infrastructure.json.CanonicalJson;
import org.lmsregistry.web.security.ApiTokens;

/**
 * The hash of an audit event: SHA-256 (lower-case hex) of its canonical content, a JSON array of
 * every stored column in a fixed order, the previous event's hash included:
 *
 * <pre>["lms-audit-v1", seq, occurred_at, actor, actor_role, site_code, record_type, record_key,
 *  action, before_values, after_values, request_id, upload_id, prev_hash]</pre>
 *
 * occurred_at is ISO-8601 UTC with at most microseconds (what PostgreSQL keeps); before/after are
 * the stored text itself, so verifying never re-serialises values.
 */
public final class AuditHashing {

    /** prev_hash of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "lms-audit-v1";

    private AuditHashing() {
    }

    /** The stored columns of one event, as hashed. */
    public record Content(long seq, Instant occurredAt, String actor, String actorRole, String siteCode,
            String recordType, String recordKey, String action, String before, String after, String requestId,
            Long uploadId, String prevHash) {
    }

    public static String canonical(Content c) {
        return canonical(c, DateTimeFormatter.ISO_INSTANT.format(c.occurredAt()));
    }

    /** As {@link #canonical(Content)}, with occurred_at already formatted (one time for many events). */
    static String canonical(Content c, String occurredAt) {
        // the record documents are quoted again here: their escaped quotes add about a fifth
        int expected = 384 + (length(c.before()) + length(c.after())) * 5 / 4;
        return CanonicalJson.array(expected).element(VERSION).element(c.seq())
                .element(occurredAt)
                .element(c.actor()).element(c.actorRole()).element(c.siteCode())
                .element(c.recordType()).element(c.recordKey()).element(c.action())
                .element(c.before()).element(c.after()).element(c.requestId()).element(c.uploadId())
                .element(c.prevHash()).end();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    public static String hash(Content c) {
        return ApiTokens.sha256Hex(canonical(c).getBytes(StandardCharsets.UTF_8));
    }

    static String hash(Content c, String occurredAt) {
        return ApiTokens.sha256Hex(canonical(c, occurredAt).getBytes(StandardCharsets.UTF_8));
    }
}
