package org.lmsregistry.web.application;

/** Nothing found (or nothing the caller may see); also for other sites' records, so that their existence does not leak (HTTP 404). */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
