package org.lmsregistry.web.account;

import java.util.Map;

/**
 * The one set of PBKDF2 parameters for account passwords, shared by whatever hashes passwords
 * (account administration, demo accounts) and by the identity store that verifies them, so the two
 * can never disagree.
 *
 * <p>PBKDF2-HMAC-SHA512 with 210,000 iterations follows the OWASP Password Storage Cheat Sheet
 * (2023); Jakarta Security's defaults (SHA-256, 1,024 iterations) are far too weak. The hash string
 * records algorithm, iterations and salt, so raising the cost later keeps old hashes verifiable.
 */
public final class PasswordHashing {

    public static final String ALGORITHM = "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA512";
    public static final String ITERATIONS = "Pbkdf2PasswordHash.Iterations=210000";
    public static final String SALT_SIZE_BYTES = "Pbkdf2PasswordHash.SaltSizeBytes=32";
    public static final String KEY_SIZE_BYTES = "Pbkdf2PasswordHash.KeySizeBytes=64";

    /** For {@code @DatabaseIdentityStoreDefinition(hashAlgorithmParameters = ...)}. */
    public static final String[] PARAMETER_ASSIGNMENTS = {ALGORITHM, ITERATIONS, SALT_SIZE_BYTES, KEY_SIZE_BYTES};

    private PasswordHashing() {
    }

    /** For {@code Pbkdf2PasswordHash.initialize(...)}. */
    public static Map<String, String> parameters() {
        return Map.of(
                key(ALGORITHM), value(ALGORITHM),
                key(ITERATIONS), value(ITERATIONS),
                key(SALT_SIZE_BYTES), value(SALT_SIZE_BYTES),
                key(KEY_SIZE_BYTES), value(KEY_SIZE_BYTES));
    }

    private static String key(String assignment) {
        return assignment.substring(0, assignment.indexOf('='));
    }

    private static String value(String assignment) {
        return assignment.substring(assignment.indexOf('=') + 1);
    }
}
