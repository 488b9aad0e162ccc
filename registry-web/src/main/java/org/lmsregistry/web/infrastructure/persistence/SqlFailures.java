package org.lmsregistry.web.infrastructure.persistence;

import java.sql.SQLException;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.application.InvalidInputException;
import org.postgresql.util.PSQLException;

/**
 * Turns database errors that input can cause into the application's exceptions (a key taken by a
 * concurrent request: 409; a value a constraint refuses: 422), naming the constraint but never the
 * SQL; anything else stays a server error.
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    public static RuntimeException translate(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String constraint = null;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            constraint = p.getServerErrorMessage().getConstraint();
        }
        String named = constraint == null ? "" : " (" + constraint + ")";
        if (state.equals("23505") || state.equals("23503") || state.equals("40001") || state.equals("40P01")) {
            return new ConflictException(what + " conflicts with the registry's stored data" + named + "; retry or reload.");
        }
        if (state.startsWith("23") || state.startsWith("22")) {
            return new InvalidInputException(what + " was refused by the database" + named + ".");
        }
        return new IllegalStateException(what + " failed (SQLState " + state + ")", e);
    }
}
