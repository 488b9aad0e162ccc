package org.lmsregistry.etl.imaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pulls the studies of the site's patients from its PACS over DICOMweb into a local folder, for
 * {@code etl dicom} to read like any other folder: QIDO-RS ({@code GET studies?PatientID=}) finds a
 * patient's studies, WADO-RS ({@code GET studies/{uid}}, {@code multipart/related} of
 * {@code application/dicom}) retrieves each study's instances as stored. The files are identified
 * data and stay at the site: they are written only below the folder given, named by number.
 */
final class DicomWebPull {

    /** What was pulled. */
    record Result(int patients, int studies, int files) {
    }

    /** The PACS could not be asked or answered something that is not DICOMweb. */
    static final class PacsException extends Exception {
        private static final long serialVersionUID = 1L;

        PacsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final String STUDY_UID = "0020000D";

    private final URI base;
    // HTTP/1.1: a PACS's embedded web server may drop the HTTP/2 upgrade request the JDK would send
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    DicomWebPull(URI base) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
    }

    /** Pulls every study of every patient id into {@code folder} (which must be empty or missing). */
    Result pull(List<String> patientIds, Path folder, Runnable onFile) throws PacsException, IOException {
        Files.createDirectories(folder);
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(folder + " is not empty: pull into a new folder, so that nothing else is read with it");
            }
        }
        int studies = 0;
        int files = 0;
        for (String id : patientIds) {
            for (String uid : studiesOf(id)) {
                studies++;
                Path studyDir = Files.createDirectories(folder.resolve(String.format(Locale.ROOT, "study-%05d", studies)));
                files += retrieve(uid, studyDir, onFile);
            }
        }
        return new Result(patientIds.size(), studies, files);
    }

    /** QIDO-RS: the StudyInstanceUIDs of one Patient ID (exact match: no wildcards are sent). */
    List<String> studiesOf(String patientId) throws PacsException {
        // '*' and '?' would be wildcards in QIDO-RS; a local id holding them is escaped by refusing it
        if (patientId.indexOf('*') >= 0 || patientId.indexOf('?') >= 0) {
            throw new PacsException("patient id " + patientId + " holds a QIDO-RS wildcard (* or ?)", null);
        }
        URI uri = base.resolve("studies?PatientID=" + URLEncoder.encode(patientId, StandardCharsets.UTF_8)
                + "&includefield=" + STUDY_UID);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri).header("Accept", "application/dicom+json").GET().build());
        if (r.statusCode() == 204 || r.body().length == 0) {
            return List.of();
        }
        expectOk(r, uri);
        Set<String> uids = new LinkedHashSet<>();
        try {
            JsonNode list = JSON.readTree(r.body());
            for (JsonNode study : list) {
                JsonNode value = study.path(STUDY_UID).path("Value").path(0);
                if (value.isTextual()) {
                    uids.add(value.asText());
                }
            }
        } catch (IOException e) {
            throw new PacsException("the PACS answered " + uri.getPath() + " with something that is not DICOM JSON", e);
        }
        return new ArrayList<>(uids);
    }

    /** WADO-RS: one study's instances, each written as a file below {@code dir}; returns how many. */
    int retrieve(String studyUid, Path dir, Runnable onFile) throws PacsException, IOException {
        URI uri = base.resolve("studies/" + URLEncoder.encode(studyUid, StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri)
                .header("Accept", "multipart/related; type=\"application/dicom\"").GET().build());
        expectOk(r, uri);
        String type = r.headers().firstValue("Content-Type").orElse("");
        Matcher m = BOUNDARY.matcher(type);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/related") || !m.find()) {
            throw new PacsException("the PACS answered " + uri + " with " + type + ", not multipart/related", null);
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(1);
        int n = 0;
        for (byte[] part : parts(r.body(), boundary)) {
            n++;
            try (OutputStream out = Files.newOutputStream(dir.resolve(String.format(Locale.ROOT, "%06d.dcm", n)))) {
                out.write(part);
            }
            onFile.run();
        }
        return n;
    }

    /**
     * The bodies of a multipart message (RFC 2046): between "--boundary" lines, after each part's
     * headers. Held in memory one study at a time.
     */
    static List<byte[]> parts(byte[] body, String boundary) throws PacsException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new PacsException("multipart body without its boundary", null);
        }
        while (true) {
            int lineEnd = at + delimiter.length;
            if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
                return parts; // the close delimiter
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), lineEnd);
            if (headersEnd < 0) {
                throw new PacsException("multipart part without the end of its headers", null);
            }
            int start = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new PacsException("multipart body cut short (no closing boundary)", null);
            }
            byte[] part = new byte[end - start];
            System.arraycopy(body, start, part, 0, part.length);
            parts.add(part);
            at = end + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws PacsException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PacsException("cannot reach the PACS at " + request.uri().resolve("/") + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PacsException("interrupted", e);
        }
    }

    private static void expectOk(HttpResponse<byte[]> r, URI uri) throws PacsException {
        if (r.statusCode() != 200) {
            String text = new String(r.body(), StandardCharsets.UTF_8);
            // the path only: the query names a patient
            throw new PacsException("the PACS answered " + r.statusCode() + " to " + uri.getPath()
                    + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(300, text.length())).strip()), null);
        }
    }
}
