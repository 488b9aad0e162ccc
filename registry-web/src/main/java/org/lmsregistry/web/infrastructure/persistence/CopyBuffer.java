package org.lmsregistry.web.infrastructure.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), buffered in memory up to a limit
 * and then sent as one complete COPY command on the caller's connection and transaction. Because
 * every flush is a whole command, COPYs into several tables can alternate on one connection, and
 * memory stays bounded whatever the number of rows. COPY is several times faster than batched
 * INSERTs and goes through the same constraints, triggers and indexes.
 */
public final class CopyBuffer {

    private static final int DEFAULT_FLUSH_BYTES = 4 << 20;

    private final Connection connection;
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
    public CopyBuffer(Connection connection, String table, String columns) {
        this(connection, table, columns, DEFAULT_FLUSH_BYTES);
    }

    public CopyBuffer(Connection connection, String table, String columns, int flushBytes) {
        this.connection = connection;
        this.sql = "copy " + table + " (" + columns + ") from stdin";
        this.flushBytes = flushBytes;
    }

    /** A text field, escaped; null is SQL NULL. */
    public CopyBuffer field(String value) {
        separator();
        if (value == null) {
            ascii("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
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
                        while (end < value.length() && value.charAt(end) >= 0x80) {
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
        }
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

    /** Sends what is buffered as one COPY command. */
    public void flush() throws SQLException {
        if (rowsInBuffer == 0) {
            return;
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long copied = copy.copyIn(sql, new ByteArrayInputStream(buffer, 0, length));
            if (copied != rowsInBuffer) {
                throw new IllegalStateException("COPY wrote " + copied + " rows instead of " + rowsInBuffer);
            }
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
        length = 0;
        rowsInBuffer = 0;
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
