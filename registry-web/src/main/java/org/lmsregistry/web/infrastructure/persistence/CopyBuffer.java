package org.lmsregistry.web.infrastructure.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), buffered in memory up to a limit
 * and then sent as one complete COPY command through a {@link CopyPipeline} (the transaction's
 * connection). Because
 * every flush is a whole command, COPYs into several tables can alternate on one connection, and
 * memory stays bounded whatever the number of rows. COPY is several times faster than batched
 * INSERTs and goes through the same constraints, triggers and indexes.
 */
public final class CopyBuffer {

    private static final int DEFAULT_FLUSH_BYTES = 4 << 20;

    private final CopyPipeline pipeline;
    private final String sql;
    private final int flushBytes;
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private boolean firstField = true;
    private long rows;
    private long rowsInBuffer;

    /**
     * @param table   the table
     * @param columns the columns, in the order fields are added
     */
    CopyBuffer(CopyPipeline pipeline, String table, String columns) {
        this.pipeline = pipeline;
        this.sql = "copy " + table + " (" + columns + ") from stdin";
        this.flushBytes = DEFAULT_FLUSH_BYTES;
    }

    /** A text field, escaped; null is SQL NULL. */
    public CopyBuffer field(String value) {
        separator();
        if (value == null) {
            ascii("\\N");
            return this;
        }
        int n = value.length();
        // room for one byte per character; escapes and non-ASCII make room for the rest themselves
        ensure(n);
        byte[] b = buffer;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '\\') {
                // most characters: straight into the buffer (the audit JSON makes this the hot loop)
                b[at++] = (byte) c;
                continue;
            }
            length = at;
            switch (c) {
                case '\\' -> ascii("\\\\");
                case '\t' -> ascii("\\t");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                case 0x0B -> ascii("\\v");
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else {
                        int end = i + 1;
                        while (end < n && value.charAt(end) >= 0x80) {
                            end++;
                        }
                        byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                        ensure(utf8.length);
                        System.arraycopy(utf8, 0, buffer, length, utf8.length);
                        length += utf8.length;
                        i = end - 1;
                    }
                }
            }
            ensure(n - i - 1);
            b = buffer;
            at = length;
        }
        length = at;
        return this;
    }

    /** A value whose text form needs no escaping (numbers, booleans, simple array literals). */
    public CopyBuffer plain(String value) {
        separator();
        ascii(value == null ? "\\N" : value);
        return this;
    }

    public CopyBuffer field(long value) {
        return plain(Long.toString(value));
    }

    /** Ends the row; sends the buffer when it is full. */
    public void endRow() throws SQLException {
        put((byte) '\n');
        firstField = true;
        rows++;
        rowsInBuffer++;
        if (length >= flushBytes) {
            flush();
        }
    }

    /**
     * Hands what is buffered to the pipeline as one COPY command (it may still be in flight when this
     * returns; {@link CopyPipeline#drain()} waits for it).
     */
    public void flush() throws SQLException {
        if (rowsInBuffer == 0) {
            return;
        }
        byte[] full = buffer;
        int fullLength = length;
        long fullRows = rowsInBuffer;
        buffer = new byte[Math.max(64 * 1024, Math.min(full.length, flushBytes + (flushBytes >> 2)))];
        length = 0;
        rowsInBuffer = 0;
        pipeline.submit(sql, full, fullLength, fullRows);
    }

    public long rows() {
        return rows;
    }

    private void separator() {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
