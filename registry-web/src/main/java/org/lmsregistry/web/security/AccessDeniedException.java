package org.lmsregistry.web.security;

/**
 * The caller may not do this (HTTP 403). Thrown by application services; reads of another site's
 * records throw a not-found instead, so that existence does not leak.
 */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
