package org.lmsregistry.web.security;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;

/** The container's principal for a registry caller; carries the {@link Caller} with role and site. */
public class RegistryPrincipal extends CallerPrincipal {

    private final Caller caller;

    public RegistryPrincipal(Caller caller) {
        super(caller.name());
        this.caller = Objects.requireNonNull(caller);
    }

    public Caller caller() {
        return caller;
    }
}
