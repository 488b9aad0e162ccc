package org.lmsregistry.web.application;

/** Input that cannot be read at all (broken JSON, a wrong content type for the body) (HTTP 400). */
public class MalformedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message) {
        super(message);
    }
}
