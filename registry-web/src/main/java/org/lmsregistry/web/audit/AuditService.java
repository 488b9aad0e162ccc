package org.lmsregistry.web.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.infrastructure.persistence.SqlFailures;
import org.lmsregistry.web.infrastructure.persistence.TransactionConnection;
import org.lmsregistry.web.patient.Page;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.CurrentCaller;

/** Audit review for registry administrators: search the trail, verify the hash chain. */
@ApplicationScoped
public class AuditService {

    @Inject
    AuditEventRepository events;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    TransactionConnection transaction;

    @Transactional
    public Page<AuditEvent> find(String siteCode, String recordType, String recordKey, String requestId, int offset,
            int limit) {
        requireAdmin();
        return new Page<>(events.find(siteCode, recordType, recordKey, requestId, offset, limit),
                events.count(siteCode, recordType, recordKey, requestId), offset, limit);
    }

    @Transactional
    public AuditTrail.Verification verify() {
        requireAdmin();
        try {
            return AuditTrail.verify(transaction.get());
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "verifying the audit trail");
        }
    }

    private void requireAdmin() {
        if (!currentCaller.get().is(Role.ADMIN)) {
            throw new AccessDeniedException("The audit trail is reviewed by registry administrators.");
        }
    }
}
