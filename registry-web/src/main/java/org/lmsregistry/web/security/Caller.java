package org.lmsregistry.web.security;

import java.util.Objects;
import org.lmsregistry.web.account.Role;

/**
 * Who is calling, as every application service sees it: a person (an account) or a machine (an API
 * token), with one role and, for site-scoped roles, the one site they act for.
 *
 * <p>Site scoping is decided here, once: {@link #canRead(long)} and {@link #canWrite(long)} are what
 * the services ask before they touch a site's records, whatever the URL or payload says.
 *
 * @param name     the account's username, or {@code token:<prefix>} for an API token
 * @param role     the caller's only role
 * @param siteId   the caller's site, or null for registry-wide roles (ADMIN, STATISTICIAN)
 * @param siteCode the code of that site, or null
 * @param kind     how the caller authenticated
 */
public record Caller(String name, Role role, Long siteId, String siteCode, Kind kind) {

    /** Whether the caller is a person with an account or a machine with a token. */
    public enum Kind {
        ACCOUNT,
        TOKEN
    }

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
        if (role.isSiteScoped() != (siteId != null) || (siteId == null) != (siteCode == null)) {
            throw new IllegalArgumentException(role + " callers " + (role.isSiteScoped() ? "need" : "have no") + " site");
        }
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAny(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may read the clinical records of a site: registry-wide roles read every
     * site (the registry holds de-identified data only), a coordinator reads only the own site, a
     * token reads nothing but its uploads.
     */
    public boolean canRead(long site) {
        return switch (role) {
            case ADMIN, STATISTICIAN -> true;
            case COORDINATOR -> siteId == site;
            case UPLOADER -> false;
        };
    }

    /** Whether the caller may change clinical records of a site by hand (forms, REST): its coordinator only. */
    public boolean canEdit(long site) {
        return role == Role.COORDINATOR && siteId == site;
    }

    /** Whether the caller may upload batches for a site: its coordinator and its tokens. */
    public boolean canUpload(long site) {
        return (role == Role.COORDINATOR || role == Role.UPLOADER) && siteId == site;
    }
}
