package org.lmsregistry.web.application;

/** The request conflicts with the registry's current state (a key already taken, a record still referenced) (HTTP 409). */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
