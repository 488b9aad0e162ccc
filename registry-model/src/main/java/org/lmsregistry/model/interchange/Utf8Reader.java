package org.lmsregistry.model.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A strict UTF-8 reader that hands out every character decoded before a malformed byte and throws
 * only when the reader reaches that byte. ({@link java.io.InputStreamReader} throws as soon as a
 * buffer holds a bad byte, up to 8 KB ahead of the parser, which would put the error on the wrong
 * line.)
 */
final class Utf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
    /** Decoding space for callers that ask for fewer than two chars (a surrogate pair needs two). */
    private final CharBuffer spare = CharBuffer.allocate(2);
    private CharacterCodingException pending;
    private long handedOut;
    private long limit = Long.MAX_VALUE;
    private boolean eof;
    private boolean flushed;

    Utf8Reader(InputStream in) {
        this.in = in;
        bytes.flip();
        spare.flip();
    }

    /** Thrown when more characters are asked for than {@link #limitFromHere} allows. */
    static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long limit) {
            super("more than " + limit + " characters");
        }
    }

    /**
     * From now on, hands out at most {@code maxChars} more characters (plus what a caller's buffer
     * already holds) and then throws {@link LimitExceededException}: a bound on what a parser can
     * accumulate, e.g. in a quoted field that is never closed.
     */
    void limitFromHere(long maxChars) {
        limit = handedOut + maxChars;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = readChars(cbuf, off, len);
        if (n > 0) {
            handedOut += n;
            if (handedOut > limit) {
                throw new LimitExceededException(limit);
            }
        }
        return n;
    }

    private int readChars(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (spare.hasRemaining()) {
            int n = Math.min(len, spare.remaining());
            spare.get(cbuf, off, n);
            return n;
        }
        if (len < 2) {
            spare.clear();
            int n = decode(spare);
            spare.flip();
            if (n <= 0) {
                return n;
            }
            cbuf[off] = spare.get();
            return 1;
        }
        return decode(CharBuffer.wrap(cbuf, off, len));
    }

    /** Decodes into {@code out}; returns the number of chars, -1 at the end, or throws at a bad byte. */
    private int decode(CharBuffer out) throws IOException {
        int start = out.position();
        while (true) {
            if (pending != null) {
                throw pending;
            }
            if (flushed) {
                return -1;
            }
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                try {
                    r.throwException();
                } catch (CharacterCodingException e) {
                    pending = e;
                }
                if (out.position() > start) {
                    return out.position() - start;
                }
                continue;
            }
            if (r.isOverflow() || out.position() > start) {
                return out.position() - start;
            }
            if (eof) {
                decoder.flush(out);
                flushed = true;
                return out.position() > start ? out.position() - start : -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
