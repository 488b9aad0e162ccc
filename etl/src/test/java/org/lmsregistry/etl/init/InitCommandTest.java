package org.lmsregistry.etl.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.model.pseudonym.SiteSecretKey;

class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesConfigurationAndOwnerOnlyKey() throws Exception {
        Path site = dir.resolve("site");
        Run run = Cli.run("init", "--site-code", "NLAMC", "--dir", site.toString(), "--registry-url",
                "https://registry.example.org");

        assertThat(run.code()).as(run.toString()).isZero();
        Path key = site.resolve("site-secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        SiteConfig.Loaded loaded = SiteConfig.load(site.resolve("site.yaml"));
        assertThat(loaded.siteCode()).isEqualTo("NLAMC");
        assertThat(loaded.config().registryUrl()).isEqualTo("https://registry.example.org");
        SiteSecretKey read = loaded.key();
        assertThat(loaded.config().keyFingerprint()).isEqualTo(read.fingerprint());
        assertThat(run.out()).contains(read.fingerprint());
        assertThat(Files.readString(site.resolve("site.yaml"))).doesNotContain("lms-site-key-v1");
    }

    @Test
    void neverReplacesAnExistingKeyOrConfiguration() throws Exception {
        assertThat(Cli.run("init", "--site-code", "NLAMC", "--dir", dir.toString()).code()).isZero();
        byte[] key = Files.readAllBytes(dir.resolve("site-secret.key"));
        byte[] config = Files.readAllBytes(dir.resolve("site.yaml"));

        Run again = Cli.run("init", "--site-code", "FRIGR", "--dir", dir.toString());

        assertThat(again.code()).isEqualTo(ExitCode.IO);
        assertThat(again.err()).contains("already exists").contains("never replaced");
        assertThat(Files.readAllBytes(dir.resolve("site-secret.key"))).isEqualTo(key);
        assertThat(Files.readAllBytes(dir.resolve("site.yaml"))).isEqualTo(config);

        Files.delete(dir.resolve("site.yaml"));
        Run keyOnly = Cli.run("init", "--site-code", "FRIGR", "--dir", dir.toString());
        assertThat(keyOnly.code()).isEqualTo(ExitCode.IO);
        assertThat(keyOnly.err()).contains("site-secret.key");
        assertThat(Files.exists(dir.resolve("site.yaml"))).isFalse();
    }

    @Test
    void refusesABadSiteCodeAndMissingOptions() {
        Run bad = Cli.run("init", "--site-code", "nl-amc", "--dir", dir.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--site-code must be");
        assertThat(Cli.run("init", "--dir", dir.toString()).code()).isEqualTo(ExitCode.USAGE);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void helpListsOptionsAndExitCodes() {
        Run help = Cli.run("init", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--site-code").contains("Exit codes:").contains("identifier guard");
        Run top = Cli.run("--help");
        assertThat(top.out()).contains("init").contains("validate").contains("Exit codes:");
        assertThat(Cli.run().code()).isEqualTo(ExitCode.USAGE);
        Run unknown = Cli.run("valdate");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("validate");
    }
}
