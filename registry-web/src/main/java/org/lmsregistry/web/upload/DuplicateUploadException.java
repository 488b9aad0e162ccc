package org.lmsregistry.web.upload;

/** Another request with the same idempotency key committed first; its answer is replayed. */
public class DuplicateUploadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateUploadException() {
        super("an upload with this idempotency key exists");
    }
}
