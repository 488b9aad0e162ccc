package org.lmsregistry.model.pseudonym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A site's secret key for keyed pseudonyms and DICOM UID mapping (HMAC-SHA256, RFC 2104). It is
 * generated and kept at the site; it never leaves it, so nobody holding the registry's data can
 * recompute a pseudonym from a local identifier.
 *
 * <p>Key file format: comment lines starting with '#', then one line {@code lms-site-key-v1:<base64>}
 * holding 32 random bytes. The file is created readable and writable by its owner only.
 */
public final class SiteSecretKey {

    /** Key length in bytes (256 bits, the HMAC-SHA256 block-size recommendation of RFC 2104 section 3). */
    public static final int LENGTH_BYTES = 32;

    private static final String PREFIX = "lms-site-key-v1:";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] key;
    /** One initialised MAC per thread: creating a Mac costs more than the HMAC of a short message. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private SiteSecretKey(byte[] key) {
        if (key.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("a site key has " + LENGTH_BYTES + " bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    /** A new random key from the platform's strong random source. */
    public static SiteSecretKey generate() {
        byte[] bytes = new byte[LENGTH_BYTES];
        try {
            SecureRandom.getInstanceStrong().nextBytes(bytes);
        } catch (NoSuchAlgorithmException e) {
            new SecureRandom().nextBytes(bytes);
        }
        return new SiteSecretKey(bytes);
    }

    /** A key from its 32 bytes (for tests and key import). */
    public static SiteSecretKey ofBytes(byte[] bytes) {
        return new SiteSecretKey(bytes);
    }

    /**
     * Writes the key to a new file readable by its owner only.
     *
     * @throws FileAlreadyExistsException if the file exists: a key is never overwritten, since every
     *                                    pseudonym made with it would be orphaned
     */
    public void writeNew(Path file) throws IOException {
        List<String> lines = List.of(
                "# LMS Imaging Registry site secret key. Keep it at the site, back it up, never share it.",
                "# Losing it means the site can no longer link new records to its registry pseudonyms.",
                PREFIX + Base64.getEncoder().encodeToString(key));
        boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView(
                PosixFileAttributeView.class);
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Reads a key file.
     *
     * @throws IOException if the file cannot be read, has no key line, or (on POSIX systems) can be
     *                     read by users other than its owner
     */
    public static SiteSecretKey read(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> others = EnumSet.copyOf(perms);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw new IOException("key file " + file.getFileName() + " is accessible to others ("
                        + PosixFilePermissions.toString(perms) + "); run chmod 600 on it");
            }
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.startsWith(PREFIX)) {
                try {
                    return new SiteSecretKey(Base64.getDecoder().decode(s.substring(PREFIX.length())));
                } catch (IllegalArgumentException e) {
                    throw new IOException("key file " + file.getFileName() + " holds a malformed key: "
                            + e.getMessage(), e);
                }
            }
        }
        throw new IOException("key file " + file.getFileName() + " has no line starting with " + PREFIX);
    }

    /** HMAC-SHA256 of a domain label and a message; the label keeps pseudonyms and UID maps apart. */
    byte[] hmac(String domain, String message) {
        Mac mac = macs.get();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /** A short, non-secret fingerprint that tells two keys apart in logs and configuration checks. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteSecretKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SiteSecretKey[fingerprint=" + fingerprint() + "]";
    }
}
