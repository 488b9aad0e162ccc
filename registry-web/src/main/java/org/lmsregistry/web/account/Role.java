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
    /** Reads the pooled registry, defines cohorts and runs analyses; edits nothing. */
    STATISTICIAN,
    /**
     * A machine (a site's ETL) uploading batches for exactly one site. Held only by API bearer tokens,
     * never by an account (the {@code account} table refuses it).
     */
    UPLOADER;

    /** Whether accounts or tokens with this role belong to one site. */
    public boolean isSiteScoped() {
        return this == COORDINATOR || this == UPLOADER;
    }

    /** Whether people can hold this role through an account (UPLOADER is for tokens only). */
    public boolean isAccountRole() {
        return this != UPLOADER;
    }
}
