package org.lmsregistry.web.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;

/** Who is signed in, for the page header and the navigation (which links a role sees). */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    CurrentCaller caller;

    public boolean isSignedIn() {
        return caller.find().isPresent();
    }

    public String getName() {
        return caller.find().map(Caller::name).orElse("");
    }

    public String getRole() {
        return caller.find().map(c -> c.role().name()).orElse("");
    }

    /** The own site's code, or "all sites" for registry-wide roles. */
    public String getSite() {
        return caller.find().map(c -> c.siteCode() != null ? c.siteCode() : "all sites").orElse("");
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isCoordinator() {
        return has(Role.COORDINATOR);
    }

    public boolean isStatistician() {
        return has(Role.STATISTICIAN);
    }

    /** The start page of the role (relative to the context root). */
    public String getHome() {
        return homeOf(caller.find().orElse(null));
    }

    static String homeOf(Caller c) {
        if (c == null) {
            return "/app/login.xhtml";
        }
        return "/app/index.xhtml";
    }

    private boolean has(Role role) {
        return caller.find().map(c -> c.is(role)).orElse(false);
    }
}
