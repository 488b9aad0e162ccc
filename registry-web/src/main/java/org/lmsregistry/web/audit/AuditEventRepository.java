package org.lmsregistry.web.audit;

import java.util.List;

/** Reading the audit trail (writing is {@link AuditTrail}'s alone). */
public interface AuditEventRepository {

    /** Events matching the filters (null = any), newest first, after skipping {@code offset}. */
    List<AuditEvent> find(String siteCode, String recordType, String recordKey, String requestId, int offset, int limit);

    long count(String siteCode, String recordType, String recordKey, String requestId);
}
