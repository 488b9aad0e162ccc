package org.lmsregistry.web.application;

/** Input that is well-formed but not acceptable (a site code in the wrong format, an unknown role) (HTTP 422). */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
