package org.lmsregistry.web.upload;

import org.lmsregistry.web.application.InvalidInputException;

/** An idempotency key sent again with a different body (HTTP 422). */
public class IdempotencyKeyReusedException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
