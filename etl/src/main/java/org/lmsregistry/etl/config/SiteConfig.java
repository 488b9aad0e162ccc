package org.lmsregistry.etl.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.pseudonym.SiteSecretKey;
import org.lmsregistry.model.record.FieldType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A site's configuration file ({@code site.yaml}, written by {@code etl init}): the site code, where
 * the secret key is, the registry's address and the DICOM settings. Relative paths are relative to
 * the configuration file's folder. The file holds no secret: the key and the upload token live in
 * their own owner-only files.
 *
 * @param siteCode      the registry's code of this site
 * @param keyFile       the site secret key file (never leaves the site)
 * @param keyFingerprint the key's fingerprint, to notice a wrong or replaced key file
 * @param registryUrl   the registry's base URL, e.g. {@code https://registry.example.org}
 * @param tokenFile     a file holding the upload bearer token, or null (then {@code LMS_REGISTRY_TOKEN})
 * @param dicom         DICOM settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "site_code", "key_file", "key_fingerprint", "registry_url", "token_file", "dicom" })
public record SiteConfig(@JsonProperty("site_code") String siteCode, @JsonProperty("key_file") String keyFile,
        @JsonProperty("key_fingerprint") String keyFingerprint, @JsonProperty("registry_url") String registryUrl,
        @JsonProperty("token_file") String tokenFile, @JsonProperty("dicom") Dicom dicom) {

    /** The default configuration file name. */
    public static final String DEFAULT_FILE = "site.yaml";
    /** The default key file name, beside the configuration. */
    public static final String DEFAULT_KEY_FILE = "site-secret.key";
    /** Default largest DICOM date shift, in days (a shift is between 1 and this many days into the past). */
    public static final int DEFAULT_DATE_SHIFT_MAX_DAYS = 730;

    private static final Pattern SITE_CODE = Pattern.compile(FieldType.SITE_CODE.pattern());

    /**
     * DICOM settings.
     *
     * @param dateShiftMaxDays largest date shift of de-identified copies (1 to 3650 days)
     * @param bodyRegions      BodyPartExamined values (upper case) mapped to registry body regions, added to
     *                         and overriding the built-in table
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({ "date_shift_max_days", "body_regions" })
    public record Dicom(@JsonProperty("date_shift_max_days") Integer dateShiftMaxDays,
            @JsonProperty("body_regions") Map<String, BodyRegion> bodyRegions) {

        public Dicom {
            bodyRegions = bodyRegions == null ? Map.of() : Map.copyOf(bodyRegions);
        }

        public int dateShiftMaxDaysOrDefault() {
            return dateShiftMaxDays == null ? DEFAULT_DATE_SHIFT_MAX_DAYS : dateShiftMaxDays;
        }
    }

    public SiteConfig {
        dicom = dicom == null ? new Dicom(null, null) : dicom;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /**
     * Reads and checks a configuration file.
     *
     * @throws EtlException (usage) for a file that is not valid, (I/O) for one that cannot be read
     */
    public static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EtlException(ExitCode.IO, "No site configuration " + file + " (run 'etl init' first, or give "
                    + "--config).", e);
        } catch (IOException e) {
            throw EtlException.io("Cannot read the site configuration " + file + ": " + e.getMessage(), e);
        }
        SiteConfig config;
        try {
            config = mapper().readValue(text, SiteConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw EtlException.usage(file + ": unknown setting \"" + e.getPropertyName() + "\" (line "
                    + e.getLocation().getLineNr() + "); the settings are " + e.getKnownPropertyIds() + ".");
        } catch (JsonProcessingException e) {
            throw EtlException.usage(file + " is not a valid site configuration: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (config == null) {
            throw EtlException.usage(file + " is empty; run 'etl init' to write one.");
        }
        config.check(file);
        Path dir = file.toAbsolutePath().getParent();
        return new Loaded(config, file, dir);
    }

    private void check(Path file) {
        if (siteCode == null || !SITE_CODE.matcher(siteCode).matches()) {
            throw EtlException.usage(file + ": site_code must be 2-12 upper-case letters or digits starting with a "
                    + "letter, was " + (siteCode == null ? "missing" : "\"" + siteCode + "\"") + ".");
        }
        if (keyFile == null || keyFile.isBlank()) {
            throw EtlException.usage(file + ": key_file is missing.");
        }
        if (registryUrl != null) {
            try {
                URI u = URI.create(registryUrl);
                if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw EtlException.usage(file + ": registry_url is not an http(s) URL: " + registryUrl);
            }
        }
        int max = dicom.dateShiftMaxDaysOrDefault();
        if (max < 1 || max > 3650) {
            throw EtlException.usage(file + ": dicom.date_shift_max_days must be between 1 and 3650, was " + max + ".");
        }
    }

    /** Writes a new configuration file; an existing file is never replaced. */
    public void writeNew(Path file) throws IOException {
        String yaml = "# LMS Imaging Registry: site configuration (etl init). No secret is kept in this file.\n"
                + mapper().writeValueAsString(this);
        Files.writeString(file, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** A configuration with the file it came from, for resolving relative paths. */
    public record Loaded(SiteConfig config, Path file, Path dir) {

        public String siteCode() {
            return config.siteCode();
        }

        public Path resolve(String path) {
            return dir.resolve(path);
        }

        public Path keyPath() {
            return resolve(config.keyFile());
        }

        /**
         * Reads the site key and checks it against the configured fingerprint.
         *
         * @throws EtlException if the key cannot be read or is not the configured one
         */
        public SiteSecretKey key() {
            Path path = keyPath();
            SiteSecretKey key;
            try {
                key = SiteSecretKey.read(path);
            } catch (NoSuchFileException e) {
                throw new EtlException(ExitCode.IO, "The site key file " + path + " does not exist. Restore it from "
                        + "your backup; a new key would give every patient a new pseudonym.", e);
            } catch (IOException e) {
                throw EtlException.io("Cannot use the site key file " + path + ": " + e.getMessage(), e);
            }
            String expected = config.keyFingerprint();
            if (expected != null && !expected.equals(key.fingerprint())) {
                throw EtlException.usage("The key in " + path + " has fingerprint " + key.fingerprint()
                        + " but " + file + " expects " + expected + ": this is not the site's key file.");
            }
            return key;
        }

        /** The configured body-region table (upper-case keys). */
        public Map<String, BodyRegion> bodyRegions() {
            Map<String, BodyRegion> m = new LinkedHashMap<>();
            config.dicom().bodyRegions().forEach((k, v) -> m.put(k.strip().toUpperCase(java.util.Locale.ROOT), v));
            return m;
        }
    }

    /** Checks that a configuration file can be created (for {@code etl init}). */
    public static void requireAbsent(Path file, String what) {
        if (Files.exists(file)) {
            throw new EtlException(ExitCode.IO, what + " " + file + " already exists; it is never replaced.",
                    new FileAlreadyExistsException(file.toString()));
        }
    }
}
