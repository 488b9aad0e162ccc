package org.lmsregistry.web.security;

/** A service that needs a caller was called without one (HTTP 401). */
public class NotAuthenticatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotAuthenticatedException() {
        super("Authentication required.");
    }
}
