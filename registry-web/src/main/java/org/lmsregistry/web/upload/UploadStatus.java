package org.lmsregistry.web.upload;

/** IN_PROGRESS is never seen from outside: it exists only inside the upload's own transaction. */
public enum UploadStatus {
    IN_PROGRESS,
    COMPLETED,
    REJECTED
}
