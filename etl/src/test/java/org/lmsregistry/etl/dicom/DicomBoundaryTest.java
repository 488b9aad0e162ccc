package org.lmsregistry.etl.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lmsregistry.etl.EtlMain;

/** Every use of PixelMed stays in org.lmsregistry.etl.dicom, so that a switch to dcm4che touches only it. */
class DicomBoundaryTest {

    @Test
    void onlyTheDicomPackageUsesPixelMed() throws Exception {
        Path classes = Path.of(EtlMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dicomPackage = classes.resolve("org/lmsregistry/etl/dicom");
        List<Path> all;
        try (Stream<Path> s = Files.walk(classes)) {
            all = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(all).hasSizeGreaterThan(20);
        List<String> users = all.stream().filter(p -> !p.startsWith(dicomPackage)).filter(DicomBoundaryTest::usesPixelMed)
                .map(p -> classes.relativize(p).toString()).toList();
        assertThat(users).as("classes outside org.lmsregistry.etl.dicom that use PixelMed").isEmpty();
        assertThat(all.stream().filter(p -> p.startsWith(dicomPackage)).anyMatch(DicomBoundaryTest::usesPixelMed)).isTrue();
    }

    private static boolean usesPixelMed(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("com/pixelmed/");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
