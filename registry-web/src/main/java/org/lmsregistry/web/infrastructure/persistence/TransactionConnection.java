package org.lmsregistry.web.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;

/**
 * The JDBC connection of the current JTA transaction: the very connection the persistence context
 * uses, so that JDBC batches (bulk writes, the audit trail) and JPA changes of one application
 * service call commit or roll back together, in order. Do not close it; the container does.
 */
@ApplicationScoped
public class TransactionConnection {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    /** Flushes pending JPA changes first, so that JDBC sees them. */
    public Connection get() {
        em.flush();
        Connection connection = em.unwrap(Connection.class);
        if (connection == null) {
            throw new IllegalStateException("no active transaction: call this from a @Transactional service");
        }
        return connection;
    }
}
