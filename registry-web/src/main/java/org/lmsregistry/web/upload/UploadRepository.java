package org.lmsregistry.web.upload;

import java.util.List;
import java.util.Optional;

/** Upload batches, for reading (the upload transaction writes them). */
public interface UploadRepository {

    Optional<UploadBatch> find(long id);

    Optional<UploadBatch> findByKey(long siteId, String idempotencyKey);

    /** Uploads of some sites (null = all), newest first. */
    List<UploadBatch> find(List<Long> siteIds, int offset, int limit);
}
