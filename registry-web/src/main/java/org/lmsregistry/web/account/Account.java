package org.lmsregistry.web.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.regex.Pattern;
import org.lmsregistry.web.site.Site;

/** A person's account: username, PBKDF2 password hash, one role, a site for coordinators. */
@Entity
@Table(name = "account")
public class Account {

    /** As the schema's check. */
    public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    public static final int MIN_PASSWORD_LENGTH = 12;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_id")
    @SequenceGenerator(name = "account_id", sequenceName = "account_id_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @ManyToOne
    @JoinColumn(name = "site_id", updatable = false)
    private Site site;

    @Column(nullable = false)
    private boolean active = true;

    @Version
    private int version;

    protected Account() {
    }

    public Account(String username, String passwordHash, Role role, Site site) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 3-64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter");
        }
        if (role == null || !role.isAccountRole()) {
            throw new IllegalArgumentException("an account's role is ADMIN, COORDINATOR or STATISTICIAN");
        }
        if (role.isSiteScoped() != (site != null)) {
            throw new IllegalArgumentException(role.isSiteScoped() ? "a coordinator needs a site" : "a " + role
                    + " account has no site");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.site = site;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    public Site site() {
        return site;
    }

    public boolean isActive() {
        return active;
    }
}
