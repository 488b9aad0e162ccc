package org.lmsregistry.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * What a local installation must remember between runs, kept in {@code <data dir>/local.properties}
 * (owner-only permissions): the generated database and demo passwords and the PostgreSQL port.
 * Generated on the first run, so no password is ever part of the repository.
 */
final class LocalSettings {

    static final String FILE_NAME = "local.properties";

    private static final String SUPERUSER_PASSWORD = "db.superuser.password";
    private static final String APP_PASSWORD = "db.app.password";
    private static final String DEMO_PASSWORD = "demo.password";
    private static final String DB_PORT = "db.port";
    private static final String DB_INITIALISED = "db.initialised";

    /** No look-alike characters, so a printed password can be typed. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Path file;
    private final Properties properties;

    private LocalSettings(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    /** Reads the settings of a data directory, generating (and saving) any that are missing. */
    static LocalSettings loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        LocalSettings settings = new LocalSettings(file, properties);
        boolean changed = false;
        for (String key : new String[] {SUPERUSER_PASSWORD, APP_PASSWORD, DEMO_PASSWORD}) {
            if (properties.getProperty(key, "").isBlank()) {
                properties.setProperty(key, randomPassword(24));
                changed = true;
            }
        }
        if (changed) {
            settings.save();
        }
        return settings;
    }

    String superuserPassword() {
        return properties.getProperty(SUPERUSER_PASSWORD);
    }

    String appPassword() {
        return properties.getProperty(APP_PASSWORD);
    }

    String demoPassword() {
        return properties.getProperty(DEMO_PASSWORD);
    }

    /** The PostgreSQL port of the previous run, or 0. */
    int dbPort() {
        return Integer.parseInt(properties.getProperty(DB_PORT, "0"));
    }

    void dbPort(int port) throws IOException {
        properties.setProperty(DB_PORT, Integer.toString(port));
        save();
    }

    boolean dbInitialised() {
        return Boolean.parseBoolean(properties.getProperty(DB_INITIALISED, "false"));
    }

    void dbInitialised(boolean initialised) throws IOException {
        properties.setProperty(DB_INITIALISED, Boolean.toString(initialised));
        save();
    }

    /** Written to a temporary file first, so a crash never leaves half a file (and lost passwords). */
    private void save() throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, "LMS Imaging Registry, local run: generated secrets, keep private."
                    + " Delete the whole data folder to start from scratch.");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
