package org.lmsregistry.web.account;

import java.util.Objects;

/**
 * An account to be created. {@code siteCode} is set exactly for site-scoped roles.
 */
public record NewAccount(String username, Role role, String siteCode) {

    public NewAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (!role.isAccountRole()) {
            throw new IllegalArgumentException("the " + role + " role is held by API tokens, not by accounts");
        }
        if (role.isSiteScoped() != (siteCode != null)) {
            throw new IllegalArgumentException(role.isSiteScoped()
                    ? "a " + role + " account needs a site" : "a " + role + " account has no site");
        }
    }
}
