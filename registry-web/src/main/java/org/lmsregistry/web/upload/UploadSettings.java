package org.lmsregistry.web.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits of uploads (MicroProfile Config). */
@ApplicationScoped
public class UploadSettings {

    @Inject
    @ConfigProperty(name = "lms.upload.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "lms.upload.max-unpacked-bytes", defaultValue = "2147483648")
    long maxUnpackedBytes;

    @Inject
    @ConfigProperty(name = "lms.upload.max-records", defaultValue = "2000000")
    long maxRecords;

    @Inject
    @ConfigProperty(name = "lms.upload.temp-dir")
    Optional<String> tempDir;

    /** Largest upload body (all parts), 512 MiB by default. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Largest unpacked size of a zip, 2 GiB by default. */
    public long maxUnpackedBytes() {
        return maxUnpackedBytes;
    }

    /** Most records in one upload, 2,000,000 by default (memory grows with it, about 0.5 KB each). */
    public long maxRecords() {
        return maxRecords;
    }

    /** Where bodies are spooled: {@code lms.upload.temp-dir}, else {@code java.io.tmpdir/lms-uploads}. */
    public Path tempDir() {
        return Path.of(tempDir.orElse(System.getProperty("java.io.tmpdir"))).resolve("lms-uploads");
    }
}
