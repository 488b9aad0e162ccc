package org.lmsregistry.web.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;

/**
 * Inserts accounts with JDBC, inside the caller's transaction. Only the password hash is stored;
 * the password itself is cleared by the caller.
 */
public final class AccountWriter {

    private static final String INSERT = "insert into account (username, password_hash, role, site_id)"
            + " values (?, ?, ?, (select id from site where code = ?))";

    private final PasswordEncoder encoder;

    public AccountWriter(PasswordEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder);
    }

    public void insert(Connection connection, NewAccount account, char[] password) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, account.username());
            insert.setString(2, encoder.encode(password));
            insert.setString(3, account.role().name());
            if (account.siteCode() == null) {
                insert.setNull(4, Types.VARCHAR);
            } else {
                insert.setString(4, account.siteCode());
            }
            insert.executeUpdate();
        }
    }
}
