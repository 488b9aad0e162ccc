package org.lmsregistry.web.account;

/**
 * What an account may do. Stored in {@code account.role} by name; the names double as the
 * Jakarta Security group and role names, so {@code @RolesAllowed("COORDINATOR")} needs no mapping.
 */
public enum Role {
    /** Sites, accounts, roles, API tokens, audit review, data-dictionary versions. */
    ADMIN,
    /** Enters and corrects the records of exactly one site. */
    COORDINATOR,
    /** Reads the pooled registry, defines cohorts and runs analyses. */
    STATISTICIAN;

    /** Whether accounts with this role belong to one site. */
    public boolean isSiteScoped() {
        return this == COORDINATOR;
    }
}
