package org.lmsregistry.web.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.lmsregistry.web.infrastructure.persistence.TransactionConnection;
import org.lmsregistry.web.infrastructure.persistence.SqlFailures;

/**
 * Audits changes to the registry's own data (sites, accounts, tokens, data queries) in the calling
 * service's transaction: the JPA change is flushed first, then the event is appended on the same
 * connection.
 */
@ApplicationScoped
public class AdminAudit {

    @Inject
    TransactionConnection transaction;

    public void record(Actor actor, AuditEntry entry) {
        try (AuditTrail.Appender audit = AuditTrail.open(transaction.get(), actor)) {
            audit.append(entry);
            audit.finish();
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "the audit trail");
        }
    }
}
