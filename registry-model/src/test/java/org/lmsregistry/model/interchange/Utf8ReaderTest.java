package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    private static final String TEXT = "a,é,日本語,🙂\r\nİı — end";

    /** Hands out one byte per read, so multi-byte characters are split across reads. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static String readAll(Reader r, int chunk) throws IOException {
        StringBuilder s = new StringBuilder();
        char[] buf = new char[chunk];
        int n;
        while ((n = r.read(buf, 0, chunk)) != -1) {
            s.append(buf, 0, n);
        }
        return s.toString();
    }

    @Test
    void decodesSplitSequencesAndSurrogatePairsWithAnyBufferSize() throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] { 1, 2, 3, 7, 8192 }) {
            try (Reader r = new Utf8Reader(trickle(bytes))) {
                assertThat(readAll(r, chunk)).isEqualTo(TEXT);
            }
        }
        try (Reader r = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = r.read()) != -1) {
                s.append((char) c);
            }
            assertThat(s).hasToString(TEXT);
        }
    }

    @Test
    void handsOutEverythingBeforeABadByteThenThrows() throws IOException {
        byte[] bytes = "good text\nbad: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (Reader r = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            char[] buf = new char[100];
            int n = r.read(buf, 0, 100);
            assertThat(new String(buf, 0, n)).isEqualTo("good text\nbad: caf");
            assertThatThrownBy(() -> r.read(buf, 0, 100)).isInstanceOf(MalformedInputException.class);
        }
    }

    @Test
    void truncatedSequenceAtTheEndIsAnError() throws IOException {
        byte[] full = "x€".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
        try (Reader r = new Utf8Reader(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(() -> readAll(r, 10)).isInstanceOf(MalformedInputException.class);
        }
    }
}
