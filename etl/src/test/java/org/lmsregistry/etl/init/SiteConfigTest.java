package org.lmsregistry.etl.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.etl.testing.Sites;
import org.lmsregistry.model.code.BodyRegion;

class SiteConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsSettingsAndResolvesPathsBesideTheFile() throws Exception {
        Path config = Sites.create(dir, "NLAMC", 7, "http://127.0.0.1:9", "dicom:", "  date_shift_max_days: 100",
                "  body_regions:", "    thigh: PRIMARY_SITE");
        SiteConfig.Loaded loaded = SiteConfig.load(config);
        assertThat(loaded.keyPath()).isEqualTo(dir.toAbsolutePath().resolve("site-secret.key"));
        assertThat(loaded.key()).isEqualTo(Sites.key(7));
        assertThat(loaded.config().dicom().dateShiftMaxDaysOrDefault()).isEqualTo(100);
        assertThat(loaded.bodyRegions()).containsEntry("THIGH", BodyRegion.PRIMARY_SITE);
    }

    @Test
    void refusesUnknownSettingsBadValuesAndAWrongKey() throws Exception {
        Path config = Sites.create(dir, "NLAMC", 7, null, "sitecode: X");
        assertThatThrownBy(() -> SiteConfig.load(config)).isInstanceOf(EtlException.class)
                .hasMessageContaining("unknown setting \"sitecode\"")
                .satisfies(e -> assertThat(((EtlException) e).exitCode()).isEqualTo(ExitCode.USAGE));

        Files.writeString(config, "site_code: NLAMC\nkey_file: site-secret.key\nkey_fingerprint: 000000000000\n");
        assertThatThrownBy(() -> SiteConfig.load(config).key()).hasMessageContaining("not the site's key file");

        Files.writeString(config, "site_code: NLAMC\nkey_file: site-secret.key\ndicom:\n  body_regions:\n    X: LEG\n");
        assertThatThrownBy(() -> SiteConfig.load(config)).hasMessageContaining("not a valid site configuration");

        Files.writeString(config, "site_code: nl\nkey_file: k\n");
        assertThatThrownBy(() -> SiteConfig.load(config)).hasMessageContaining("site_code must be");
    }

    @Test
    void refusesAKeyOthersCanRead() throws Exception {
        Path config = Sites.create(dir, "NLAMC", 7, null);
        Files.setPosixFilePermissions(dir.resolve("site-secret.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SiteConfig.load(config).key()).isInstanceOf(EtlException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aMissingConfigurationIsAnIoError() {
        assertThatThrownBy(() -> SiteConfig.load(dir.resolve("nope.yaml")))
                .satisfies(e -> assertThat(((EtlException) e).exitCode()).isEqualTo(ExitCode.IO))
                .hasMessageContaining("etl init");
    }
}
