package org.lmsregistry.model.pseudonym;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keyed, one-way mappings a site applies before anything leaves it: patient pseudonyms, keyed hashes
 * of DICOM StudyInstanceUIDs, and replacement UIDs for de-identified DICOM copies. Every mapping is a
 * pure function of the site key and its input, so it is stable across runs, machines and years, and
 * different for different keys.
 */
public final class Pseudonymiser {

    /** DICOM UIDs: components of digits without leading zeros, separated by dots (PS3.5 section 9.1). */
    private static final Pattern DICOM_UID = Pattern.compile("^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+$");
    private static final int MAX_UID_LENGTH = 64;

    private final SiteSecretKey key;

    public Pseudonymiser(SiteSecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The registry pseudonym of a local patient identifier: HMAC-SHA256 as 64 lower-case hex
     * characters. Surrounding white space is ignored; identifiers are otherwise compared exactly.
     */
    public String patientPseudonym(String localIdentifier) {
        String id = requireText(localIdentifier, "local patient identifier");
        return HexFormat.of().formatHex(key.hmac("patient", id));
    }

    /** The keyed hash of a StudyInstanceUID stored in the registry (64 hex characters). */
    public String studyUidHash(String studyInstanceUid) {
        return HexFormat.of().formatHex(key.hmac("study-uid", requireUid(studyInstanceUid)));
    }

    /**
     * A replacement DICOM UID for a de-identified copy: {@code 2.25.} followed by the decimal value of
     * the first 128 bits of the keyed HMAC, the UUID-derived UID form of PS3.5 section B.2. The result
     * is a valid UID of at most 44 characters; equal inputs give equal UIDs, so references between
     * files (series, frames of reference, referenced SOP instances) stay consistent.
     */
    public String replacementUid(String originalUid) {
        byte[] mac = key.hmac("dicom-uid", requireUid(originalUid));
        return "2.25." + new BigInteger(1, Arrays.copyOf(mac, 16)).toString();
    }

    /**
     * A per-patient date shift in days, in [-maxDays, -1] (always into the past, never zero), used
     * to shift every date of one patient's DICOM studies by the same amount.
     */
    public int dateShiftDays(String localIdentifier, int maxDays) {
        if (maxDays < 1) {
            throw new IllegalArgumentException("maxDays must be at least 1, was " + maxDays);
        }
        byte[] mac = key.hmac("date-shift", requireText(localIdentifier, "local patient identifier"));
        long v = new BigInteger(1, Arrays.copyOf(mac, 8)).longValue() & Long.MAX_VALUE;
        return -(int) (v % maxDays) - 1;
    }

    /** Whether a text is a syntactically valid DICOM UID. */
    public static boolean isValidUid(String uid) {
        return uid != null && uid.length() <= MAX_UID_LENGTH && DICOM_UID.matcher(uid).matches();
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return text.strip();
    }

    private static String requireUid(String uid) {
        // DICOM pads odd-length UIDs with a NUL byte; strip it so padded and unpadded map alike.
        String u = uid == null ? null : uid.replace("\0", "").strip();
        if (!isValidUid(u)) {
            throw new IllegalArgumentException("not a valid DICOM UID: \"" + uid + "\"");
        }
        return u;
    }
}
