package org.lmsregistry.web.application;

/** A request body above its limit (HTTP 413). */
public class PayloadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
