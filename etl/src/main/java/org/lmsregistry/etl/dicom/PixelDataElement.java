package org.lmsregistry.etl.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Finds the bytes of the top-level Pixel Data element (7FE0,0010) in a file, so that a copy can carry
 * them over unchanged: native or encapsulated (fragments, their padding and the offset table as they
 * are). Only for files that are not deflated, where the element's bytes are the same in any file of
 * the same transfer syntax.
 *
 * @param start the offset of the element's tag
 * @param end   the offset just after the element (after the sequence delimiter for encapsulated data)
 */
record PixelDataElement(long start, long end) {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    /**
     * The element starting at {@code start}, if the bytes there are a Pixel Data element that is the
     * last thing in the file apart from what the Basic Profile removes anyway (trailing padding,
     * private groups, digital signatures).
     */
    static Optional<PixelDataElement> at(Path file, long start, boolean bigEndian, boolean explicitVr) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer head = read(ch, start, 12, order);
            if (head == null || head.getShort(0) != (short) 0x7FE0 || head.getShort(2) != (short) 0x0010) {
                return Optional.empty();
            }
            long pos;
            long length;
            if (explicitVr) {
                String vr = "" + (char) head.get(4) + (char) head.get(5);
                if (!vr.equals("OB") && !vr.equals("OW")) {
                    return Optional.empty();
                }
                length = head.getInt(8) & 0xFFFFFFFFL;
                pos = start + 12;
            } else {
                length = head.getInt(4) & 0xFFFFFFFFL;
                pos = start + 8;
            }
            if (length != UNDEFINED) {
                pos += length;
            } else {
                while (true) {
                    ByteBuffer item = read(ch, pos, 8, order);
                    if (item == null || item.getShort(0) != (short) 0xFFFE) {
                        return Optional.empty();
                    }
                    int element = item.getShort(2) & 0xFFFF;
                    long itemLength = item.getInt(4) & 0xFFFFFFFFL;
                    pos += 8;
                    if (element == 0xE0DD) {
                        break;
                    }
                    if (element != 0xE000 || itemLength == UNDEFINED) {
                        return Optional.empty();
                    }
                    pos += itemLength;
                }
            }
            if (pos > size) {
                return Optional.empty();
            }
            // what follows may only be elements of groups above 7FE0 (removed by the profile): check the next tag
            if (pos < size) {
                ByteBuffer next = read(ch, pos, 4, order);
                int group = next == null ? 0 : next.getShort(0) & 0xFFFF;
                if (group <= 0x7FE0 || group == 0xFFFE) {
                    return Optional.empty();
                }
            }
            return Optional.of(new PixelDataElement(start, pos));
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(order);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                return null;
            }
        }
        return b;
    }

    /** Appends the element's bytes from {@code from} to {@code to}. */
    void copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long done = 0;
            while (done < end - start) {
                done += in.transferTo(start + done, end - start - done, out);
            }
        }
    }
}
