package org.lmsregistry.web.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Well-formed, reproducible pseudonyms for tests (SHA-256 of a label; no real identifier behind them). */
public final class Pseudonyms {

    private Pseudonyms() {
    }

    public static String of(String label) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
