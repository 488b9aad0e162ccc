package org.lmsregistry.web.upload;

/**
 * The answer to an upload, as first given and as replayed to retries.
 *
 * @param status   HTTP status (201 completed, 422 rejected)
 * @param body     the JSON body
 * @param uploadId the upload batch, or null when nothing was recorded (e.g. refused before reading)
 * @param replayed whether this is the stored answer of an earlier request with the same key
 */
public record UploadResult(int status, String body, Long uploadId, boolean replayed) {
}
