package org.lmsregistry.web.audit;

/** What happened to a record. */
public enum AuditAction {
    CREATE,
    UPDATE,
    DELETE
}
