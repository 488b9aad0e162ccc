package org.lmsregistry.etl.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real site PACS for tests: Debian's Orthanc with its DICOMweb plugin, started as a child process
 * on a free port with its storage in a test folder. Its DICOM listener is off; its HTTP server
 * accepts loopback clients only (Orthanc 1.10 has no setting for the listening address, so
 * RemoteAccessAllowed=false refuses everyone else). Stopped by the PID this class started.
 */
public final class Orthanc implements AutoCloseable {

    public static final String BINARY = System.getProperty("lms.orthanc", "/usr/sbin/Orthanc");
    public static final String DICOMWEB_PLUGIN = System.getProperty("lms.orthanc.dicomweb",
            "/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Orthanc(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the test with -Dlms.tests.external=false; fails with an install hint if Orthanc is missing. */
    public static Orthanc start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(ExternalTools.enabled(), "external tools switched off with -Dlms.tests.external=false");
        if (!Files.isExecutable(Path.of(BINARY)) || !Files.isRegularFile(Path.of(DICOMWEB_PLUGIN))) {
            fail("Orthanc with its DICOMweb plugin is not installed (" + BINARY + ", " + DICOMWEB_PLUGIN
                    + "): run .ci/install-test-deps.sh (Debian packages orthanc and orthanc-dicomweb).");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = json.createObjectNode();
        c.put("Name", "lms-etl-test-pacs");
        c.put("StorageDirectory", dir.resolve("storage").toString());
        c.put("IndexDirectory", dir.resolve("storage").toString());
        c.put("HttpPort", port);
        c.put("DicomServerEnabled", false);
        c.put("RemoteAccessAllowed", false);
        c.put("AuthenticationEnabled", false);
        c.put("HttpsVerifyPeers", false);
        c.putArray("Plugins").add(DICOMWEB_PLUGIN);
        c.putObject("DicomWeb").put("Enable", true).put("Root", "/dicom-web/");
        Files.createDirectories(dir);
        Path config = dir.resolve("orthanc.json");
        json.writeValue(config.toFile(), c);
        Process p = new ProcessBuilder(BINARY, config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        Orthanc orthanc = new Orthanc(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("Orthanc exited: " + Files.readString(dir.resolve("orthanc.log")));
            }
            try {
                if (orthanc.get("/system").statusCode() == 200) {
                    return orthanc;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        orthanc.close();
        throw new IllegalStateException("Orthanc did not answer within 60 s");
    }

    /** The DICOMweb root, e.g. http://127.0.0.1:port/dicom-web */
    public URI dicomweb() {
        return URI.create("http://127.0.0.1:" + port + "/dicom-web");
    }

    /** Stores a DICOM file as a modality would send it (Orthanc's REST API). */
    public void store(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/instances"))
                .header("Content-Type", "application/dicom").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Orthanc refused " + file + ": " + r.statusCode() + " " + r.body());
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
