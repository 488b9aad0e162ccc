package org.lmsregistry.web.audit;

import java.util.Objects;
import org.lmsregistry.web.security.Caller;

/**
 * Who did something, as the audit trail records it.
 *
 * @param name      username, {@code token:<prefix>}, or {@code system:<component>}
 * @param role      the role they acted in
 * @param siteCode  their site, or null for registry-wide roles
 * @param requestId the request that did it, or null outside requests
 */
public record Actor(String name, String role, String siteCode, String requestId) {

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public static Actor of(Caller caller, String requestId) {
        return new Actor(caller.name(), caller.role().name(), caller.siteCode(), requestId);
    }

    /** A component of the registry acting on its own (e.g. the bootstrap of the first administrator). */
    public static Actor system(String component) {
        return new Actor("system:" + component, "SYSTEM", null, null);
    }
}
