package org.lmsregistry.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API bearer tokens: 256 random bits, written {@code lmsr_} + base64url (48 characters in all). The
 * registry stores only the SHA-256 of the token text; a plain hash is enough because the token has
 * full entropy (no dictionary to try), and it lets a request find its token with one indexed lookup.
 */
public final class ApiTokens {

    public static final String PREFIX = "lmsr_";
    /** Characters of the token kept in clear, so that people can tell tokens apart. */
    public static final int SHOWN_PREFIX_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A new token; show it once and keep only {@link #hash(String)}. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the token text. */
    public static String hash(String token) {
        return sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The first characters of a token, safe to show and log. */
    public static String shownPrefix(String token) {
        return token.substring(0, Math.min(SHOWN_PREFIX_LENGTH, token.length()));
    }

    /** Whether a string has the shape of a token (cheap check before any lookup). */
    public static boolean looksLikeToken(String token) {
        return token.length() == PREFIX.length() + 43 && token.startsWith(PREFIX)
                && token.substring(PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
