package org.lmsregistry.web.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.infrastructure.persistence.RegistryDataSource;

/**
 * The lookups authentication needs, with plain JDBC outside any transaction (they run before the
 * request reaches the application): an account by username, a token by its hash. Inactive accounts,
 * revoked or expired tokens and anything of an inactive site are not found.
 */
@ApplicationScoped
public class CallerDirectory {

    private static final String ACCOUNT = "select a.username, a.password_hash, a.role, a.site_id, s.code"
            + " from account a left join site s on s.id = a.site_id"
            + " where a.username = ? and a.active and (a.site_id is null or s.active)";

    private static final String TOKEN = "select t.token_prefix, t.site_id, s.code from api_token t"
            + " join site s on s.id = t.site_id"
            + " where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())"
            + " and s.active";

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    DataSource dataSource;

    /** An active account with its password hash. */
    public record StoredAccount(Caller caller, String passwordHash) {
    }

    public Optional<StoredAccount> account(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ACCOUNT)) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long site = rs.getLong(4);
                Long siteId = rs.wasNull() ? null : site;
                Caller caller = new Caller(rs.getString(1), Role.valueOf(rs.getString(3)), siteId, rs.getString(5),
                        Caller.Kind.ACCOUNT);
                return Optional.of(new StoredAccount(caller, rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("account lookup failed", e);
        }
    }

    /** The caller an API token stands for, by the token's SHA-256. */
    public Optional<Caller> token(String tokenHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(TOKEN)) {
            s.setString(1, tokenHash);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Caller("token:" + rs.getString(1), Role.UPLOADER, rs.getLong(2),
                        rs.getString(3), Caller.Kind.TOKEN));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token lookup failed", e);
        }
    }
}
