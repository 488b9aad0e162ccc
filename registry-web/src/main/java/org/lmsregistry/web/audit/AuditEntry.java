package org.lmsregistry.web.audit;

import java.util.Objects;

/**
 * One change to append to the audit trail.
 *
 * @param siteCode   the site whose data changed, or null for registry-wide things (accounts of admins)
 * @param recordType a {@link org.lmsregistry.model.record.RecordType} name for clinical records, or
 *                   SITE, ACCOUNT, API_TOKEN, DATA_QUERY for the registry's own data
 * @param recordKey  the natural key (e.g. {@code NORTH/3fa9.../S1}), or the entity's key
 * @param before     canonical JSON of the values before (null for CREATE)
 * @param after      canonical JSON of the values after (null for DELETE)
 * @param uploadId   the upload batch that made the change, or null
 */
public record AuditEntry(String siteCode, String recordType, String recordKey, AuditAction action, String before,
        String after, Long uploadId) {

    public AuditEntry {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(action, "action");
        if ((action == AuditAction.CREATE) != (before == null) || (action == AuditAction.DELETE) != (after == null)) {
            throw new IllegalArgumentException(action + " needs " + (action == AuditAction.CREATE ? "no before"
                    : action == AuditAction.DELETE ? "no after" : "before and after") + " values");
        }
    }
}
