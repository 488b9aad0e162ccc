package org.lmsregistry.model.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteSecretKeyTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenKeyReadsBackEqualAndTheFileIsOwnerOnly() throws IOException {
        SiteSecretKey key = SiteSecretKey.generate();
        Path file = dir.resolve("site.key");
        key.writeNew(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SiteSecretKey.read(file)).isEqualTo(key);
        assertThat(Files.readString(file)).doesNotContain(key.fingerprint());
    }

    @Test
    void generatedKeysDiffer() {
        assertThat(SiteSecretKey.generate()).isNotEqualTo(SiteSecretKey.generate());
    }

    @Test
    void anExistingKeyFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("site.key");
        SiteSecretKey.generate().writeNew(file);
        assertThatThrownBy(() -> SiteSecretKey.generate().writeNew(file)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws IOException {
        Path file = dir.resolve("site.key");
        SiteSecretKey.generate().writeNew(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SiteSecretKey.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void malformedKeyFilesAreRefused() throws IOException {
        Path noKey = dir.resolve("none.key");
        Files.writeString(noKey, "# nothing here\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(noKey, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SiteSecretKey.read(noKey)).hasMessageContaining("no line starting with");

        Path shortKey = dir.resolve("short.key");
        Files.writeString(shortKey, "lms-site-key-v1:AAEC\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(shortKey, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SiteSecretKey.read(shortKey)).hasMessageContaining("32 bytes");
    }

    @Test
    void toStringNeverShowsTheKey() {
        SiteSecretKey key = SiteSecretKey.ofBytes(new byte[32]);
        assertThat(key.toString()).startsWith("SiteSecretKey[fingerprint=").doesNotContain("AAAA");
    }
}
