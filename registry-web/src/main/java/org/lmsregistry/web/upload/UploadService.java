package org.lmsregistry.web.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * Bulk uploads: who may upload for which site, idempotency, parsing, then the all-or-nothing
 * {@link UploadTransaction}.
 *
 * <p>Only a site's coordinator and the site's API tokens upload, and only for their own site; a
 * batch with any row of another site is refused as a whole (403), rows listed. With an
 * {@code Idempotency-Key}, a retry of a finished upload gets the first answer again (same status and
 * body, nothing written); the same key with different bytes is refused (422); a retry that overlaps
 * the first request waits for it and then gets its answer.
 */
@ApplicationScoped
public class UploadService {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UploadService.class.getName());

    /** As the schema's check on upload_batch.idempotency_key. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    CurrentCaller currentCaller;

    @Inject
    UploadRepository uploads;

    @Inject
    UploadTransaction transaction;

    @Inject
    UploadSettings settings;

    /** The caller's site, checked: only COORDINATOR and UPLOADER upload, for their own site. */
    public Caller uploader(String siteParam) {
        Caller caller = currentCaller.get();
        if (!caller.isAny(Role.COORDINATOR, Role.UPLOADER)) {
            throw new AccessDeniedException("Uploads are made by a site's coordinator or with the site's API token; a "
                    + caller.role() + " does not upload.");
        }
        if (siteParam != null && !siteParam.equals(caller.siteCode())) {
            throw new AccessDeniedException("You upload for site " + caller.siteCode() + " only, not for " + siteParam + ".");
        }
        return caller;
    }

    public SpooledUpload spool(UploadFormat format) {
        return new SpooledUpload(format, settings.maxBytes(), settings.tempDir());
    }

    /**
     * Processes a spooled upload.
     *
     * @param csvType the record type of a single CSV body, else null
     */
    public UploadResult upload(Caller caller, SpooledUpload spooled, RecordType csvType, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new MalformedRequestException("Idempotency-Key must be 1-128 letters, digits or . _ : -");
        }
        if (spooled.format() == UploadFormat.CSV && csvType == null) {
            throw new InvalidInputException("A CSV body needs ?type= naming its record type, e.g. ?type=imaging_studies.");
        }
        String sha256 = spooled.sha256();
        if (idempotencyKey != null) {
            Optional<UploadResult> earlier = replay(caller, idempotencyKey, sha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        ParsedUpload parsed = new ParsedUpload(caller.siteCode(), settings.maxRecords());
        long started = System.nanoTime();
        try {
            UploadParser.parse(spooled, csvType, parsed, settings.maxUnpackedBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the spooled upload failed", e);
        }
        LOG.fine(() -> "parsed " + parsed.recordCount() + " records of " + spooled.totalBytes() + " bytes in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        if (parsed.recordCount() > 10_000) {
            LOG.info(() -> "parsed " + parsed.recordCount() + " records (" + spooled.totalBytes() + " bytes) in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        if (!parsed.foreignRows().isEmpty()) {
            throw foreignRows(caller, parsed.foreignRows());
        }
        UploadRequest request = new UploadRequest(caller.siteId(), caller.siteCode(), idempotencyKey, sha256,
                spooled.format(), Actor.of(caller, currentCaller.requestId()));
        try {
            return transaction.run(request, parsed);
        } catch (DuplicateUploadException e) {
            return replay(caller, idempotencyKey, sha256).orElseThrow(() -> new IllegalStateException(
                    "idempotency key " + idempotencyKey + " was taken but its upload is not found"));
        }
    }

    private Optional<UploadResult> replay(Caller caller, String key, String sha256) {
        return uploads.findByKey(caller.siteId(), key).map(u -> {
            if (!u.requestSha256().equals(sha256)) {
                throw new IdempotencyKeyReusedException("Idempotency-Key " + key + " was used for upload " + u.id()
                        + " with a different body; use a new key for a new batch.");
            }
            return new UploadResult(u.responseStatus(), u.responseBody(), u.id(), true);
        });
    }

    private static AccessDeniedException foreignRows(Caller caller, List<ParsedUpload.ForeignRow> rows) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        rows.stream().limit(20).forEach(r -> list.add(r.type().fileName() + " row " + r.row() + ": " + r.siteCode()));
        return new AccessDeniedException("The batch has rows of other sites than " + caller.siteCode()
                + "; nothing was written. First rows: " + list.build());
    }

    /** One upload of the caller's site (any site for ADMIN). */
    @Transactional
    public UploadBatch find(long id) {
        Caller caller = currentCaller.get();
        return uploads.find(id).filter(u -> caller.is(Role.ADMIN)
                || (caller.isAny(Role.COORDINATOR, Role.UPLOADER) && u.site().id().equals(caller.siteId())))
                .orElseThrow(() -> new NotFoundException("No upload " + id + " (or not one you may see)."));
    }

    /** Recent uploads of the caller's site (every site for ADMIN). */
    @Transactional
    public List<UploadBatch> list(int offset, int limit) {
        Caller caller = currentCaller.get();
        if (caller.is(Role.STATISTICIAN)) {
            throw new AccessDeniedException("Uploads are seen by their site and the registry administrators.");
        }
        return uploads.find(caller.is(Role.ADMIN) ? null : List.of(caller.siteId()), offset, limit);
    }
}
