package org.lmsregistry.etl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Independent DICOM readers for checking what {@code etl} writes: Debian's python3 with pydicom,
 * and dcmdump (DCMTK). They are installed by {@code .ci/install-test-deps.sh}. When one is missing the
 * test fails with a message saying so; only {@code -Dlms.tests.external=false} (for a developer
 * machine, never CI) turns these tests into skipped ones.
 */
public final class ExternalTools {

    /** Debian's interpreter, which sees python3-pydicom (a pyenv or venv python3 on PATH may not). */
    public static final String PYTHON = System.getProperty("lms.python", "/usr/bin/python3");
    public static final String DCMDUMP = System.getProperty("lms.dcmdump", "dcmdump");
    private static final String HINT = " Install it with .ci/install-test-deps.sh (Debian packages python3-pydicom "
            + "and dcmtk), or run with -Dlms.tests.external=false on a developer machine (never on CI).";

    private ExternalTools() {
    }

    /** The result of one command. */
    public record Result(int code, String out, String err) {
    }

    public static boolean enabled() {
        return !"false".equals(System.getProperty("lms.tests.external"));
    }

    private static void requireEnabled() {
        Assumptions.assumeTrue(enabled(), "external DICOM readers switched off with -Dlms.tests.external=false");
    }

    public static void requirePydicom() {
        requireEnabled();
        Result r = run(List.of(PYTHON, "-c", "import pydicom; print(pydicom.__version__)"));
        if (r.code() != 0) {
            fail("pydicom is not available to " + PYTHON + " (" + r.err().strip() + ")." + HINT);
        }
    }

    public static void requireDcmdump() {
        requireEnabled();
        Result r = run(List.of(DCMDUMP, "--version"));
        if (r.code() != 0) {
            fail("dcmdump (DCMTK) is not available (" + r.err().strip() + ")." + HINT);
        }
    }

    /** Every element of each file as pydicom reads it (see tools/dump_dicom.py), in argument order. */
    public static JsonNode pydicom(List<Path> files) throws IOException {
        requirePydicom();
        Path script = Files.createTempFile("dump_dicom", ".py");
        try (InputStream in = ExternalTools.class.getResourceAsStream("/tools/dump_dicom.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Result r = run(cmd);
        Files.deleteIfExists(script);
        if (r.code() != 0) {
            fail("pydicom could not read " + files + ": " + r.err());
        }
        return new ObjectMapper().readTree(r.out());
    }

    /** dcmdump's dump of a file; fails the test if dcmdump reports an error. */
    public static String dcmdump(Path file) {
        requireDcmdump();
        Result r = run(List.of(DCMDUMP, "-q", file.toString()));
        if (r.code() != 0 || r.err().contains("E: ")) {
            fail("dcmdump could not read " + file + ": " + r.err());
        }
        return r.out();
    }

    public static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            byte[] out;
            byte[] err;
            try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
                var errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return e.readAllBytes();
                    } catch (IOException x) {
                        return new byte[0];
                    }
                });
                out = o.readAllBytes();
                err = errFuture.join();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }
}
