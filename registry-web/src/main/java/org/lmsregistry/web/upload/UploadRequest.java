package org.lmsregistry.web.upload;

import org.lmsregistry.web.audit.Actor;

/** Who uploads what for which site. */
record UploadRequest(long siteId, String siteCode, String idempotencyKey, String sha256, UploadFormat format,
        Actor actor) {
}
