package org.lmsregistry.web.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lmsregistry.web.application.PayloadTooLargeException;
import org.lmsregistry.web.upload.UploadSettings;

/**
 * Caps request bodies before anything reads them: {@code lms.api.max-body-bytes} (1 MiB) for every
 * request, the upload limit ({@code lms.upload.max-bytes}) for {@code POST /uploads}. A declared
 * Content-Length above the limit is refused at once (413); a chunked body is cut off when it passes
 * the limit.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class BodyLimits implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "lms.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @Inject
    UploadSettings uploads;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long limit = path.startsWith("uploads") || path.startsWith("/uploads") ? uploads.maxBytes() : maxBodyBytes;
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                // the container rejects malformed lengths itself
            }
        }
        request.setEntityStream(new Capped(request.getEntityStream(), limit));
    }

    static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("The request body is larger than its limit of " + limit + " bytes.");
    }

    private static final class Capped extends FilterInputStream {
        private final long limit;
        private long read;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++read > limit) {
                throw tooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (read += n) > limit) {
                throw tooLarge(limit);
            }
            return n;
        }
    }
}
