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
        Capped capped = new Capped(request.getEntityStream(), limit);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1; // the container rejects malformed lengths itself
            }
            if (declared > limit) {
                throw declared - limit <= DRAIN_BYTES ? capped.refuse() : tooLarge(limit);
            }
        }
        request.setEntityStream(capped);
    }

    static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("The request body is larger than its limit of " + limit + " bytes.");
    }

    /** Past the limit, this much more is read and dropped, so that the client gets to read the 413. */
    private static final long DRAIN_BYTES = 64L << 20;

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
                throw refuse();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (read += n) > limit) {
                throw refuse();
            }
            return n;
        }

        /**
         * A client that streams its body (chunked) is still sending when the answer is ready; a
         * server that closes the connection then leaves it with a broken pipe instead of the 413.
         * Drop the rest of a moderately oversized body first; beyond that, close.
         */
        private PayloadTooLargeException refuse() {
            byte[] sink = new byte[64 * 1024];
            long dropped = 0;
            try {
                int n;
                while (dropped < DRAIN_BYTES && (n = in.read(sink)) > 0) {
                    dropped += n;
                }
            } catch (IOException e) {
                // the client gave up; nothing more to do
            }
            return tooLarge(limit);
        }
    }
}
