package org.lmsregistry.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.lmsregistry.web.interfaces.http.RequestIds;

/** The caller of the current request and the request's id, for application services and the audit trail. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext securityContext;

    @Inject
    HttpServletRequest request;

    private Caller caller;

    /** The authenticated caller, if any. */
    public Optional<Caller> find() {
        if (caller == null) {
            Set<RegistryPrincipal> principals = securityContext.getPrincipalsByType(RegistryPrincipal.class);
            if (!principals.isEmpty()) {
                caller = principals.iterator().next().caller();
            }
        }
        return Optional.ofNullable(caller);
    }

    /** The authenticated caller; fails with {@link NotAuthenticatedException} if there is none. */
    public Caller get() {
        return find().orElseThrow(NotAuthenticatedException::new);
    }

    public String requestId() {
        return RequestIds.of(request, null);
    }

    public String remoteAddress() {
        return request.getRemoteAddr();
    }
}
