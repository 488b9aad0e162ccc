package org.lmsregistry.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lmsregistry.web.application.PayloadTooLargeException;

/**
 * An upload's body (or its parts) copied to temporary files as it arrives, never held in memory:
 * the registry reads it from disk afterwards, as often as it needs. While copying it counts bytes
 * against the upload limit (413 beyond it) and computes the SHA-256 that tells a retried request
 * (same idempotency key, same bytes) from a different one. Close it to delete the files.
 */
public final class SpooledUpload implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpooledUpload.class.getName());

    /** One spooled part: its name (file name, or the record type for a single CSV), file and size. */
    public record Part(String name, Path file, long bytes) {
    }

    private final UploadFormat format;
    private final long maxBytes;
    private final Path directory;
    private final List<Part> parts = new ArrayList<>();
    private final MessageDigest digest;
    private long totalBytes;

    public SpooledUpload(UploadFormat format, long maxBytes, Path tempRoot) {
        this.format = format;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(tempRoot);
            this.directory = Files.createTempDirectory(tempRoot, "upload-");
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the upload", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update(format.name().getBytes(StandardCharsets.UTF_8));
    }

    /** Copies one part to a temporary file; fails with 413 once the whole upload exceeds its limit. */
    public Part add(String name, InputStream in) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 0);
        digest.update(nameBytes);
        digest.update((byte) 0);
        Path file = directory.resolve("part-" + parts.size());
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                totalBytes += n;
                if (totalBytes > maxBytes) {
                    throw new PayloadTooLargeException("The upload is larger than its limit of " + maxBytes
                            + " bytes (lms.upload.max-bytes); split it into several batches.");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        Part part = new Part(name, file, bytes);
        parts.add(part);
        return part;
    }

    public UploadFormat format() {
        return format;
    }

    public List<Part> parts() {
        return List.copyOf(parts);
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** SHA-256 over format, part names and bytes: equal for a byte-identical retry. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Part p : parts) {
            delete(p.file());
        }
        delete(directory.resolve("part-" + parts.size()));
        delete(directory);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete temporary upload file " + p, e);
        }
    }
}
