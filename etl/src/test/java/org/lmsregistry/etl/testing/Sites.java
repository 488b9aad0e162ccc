package org.lmsregistry.etl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.model.pseudonym.SiteSecretKey;

/** A site folder with a configuration and a fixed key, for tests. */
public final class Sites {

    private Sites() {
    }

    /** A key whose bytes are all {@code b}: fixed, so expected pseudonyms can be computed. */
    public static SiteSecretKey key(int b) {
        byte[] bytes = new byte[SiteSecretKey.LENGTH_BYTES];
        java.util.Arrays.fill(bytes, (byte) b);
        return SiteSecretKey.ofBytes(bytes);
    }

    /** Writes site.yaml and site-secret.key (key {@code key(keyByte)}) into dir; returns site.yaml. */
    public static Path create(Path dir, String siteCode, int keyByte, String registryUrl, String... extraYaml)
            throws IOException {
        Files.createDirectories(dir);
        SiteSecretKey key = key(keyByte);
        key.writeNew(dir.resolve(SiteConfig.DEFAULT_KEY_FILE));
        StringBuilder yaml = new StringBuilder();
        yaml.append("site_code: ").append(siteCode).append('\n');
        yaml.append("key_file: ").append(SiteConfig.DEFAULT_KEY_FILE).append('\n');
        yaml.append("key_fingerprint: ").append(key.fingerprint()).append('\n');
        if (registryUrl != null) {
            yaml.append("registry_url: ").append(registryUrl).append('\n');
        }
        for (String line : extraYaml) {
            yaml.append(line).append('\n');
        }
        Path config = dir.resolve(SiteConfig.DEFAULT_FILE);
        Files.write(config, List.of(yaml.toString()));
        return config;
    }
}
