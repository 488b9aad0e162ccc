package org.lmsregistry.web.analysis;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a job wrote into its output folder ({@code docs/result-schema.md}), read back for storing:
 * result.json (with the checksum and version it names), report.html, and every file with its
 * media type and SHA-256.
 */
public record AnalysisOutputs(String resultJson, String reportHtml, String dataChecksum, String softwareVersion,
        List<OutputFile> files) {

    /** Largest output folder taken into the database; a report of a sane cohort is a few MB. */
    static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** One file and its content. */
    public record OutputFile(String name, String mediaType, byte[] content, String sha256) {
    }

    public static AnalysisOutputs read(Path folder) throws IOException {
        Path result = folder.resolve("result.json");
        if (!Files.isRegularFile(result)) {
            throw new IOException("the job wrote no result.json");
        }
        List<OutputFile> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !FILE_NAME.matcher(name).matches()) {
                    continue;
                }
                total += Files.size(p);
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("the job's output is larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB");
                }
                byte[] content = Files.readAllBytes(p);
                files.add(new OutputFile(name, mediaType(name), content, sha256(content)));
            }
        }
        String json = Files.readString(result, StandardCharsets.UTF_8);
        Path reportFile = folder.resolve("report.html");
        String report = Files.isRegularFile(reportFile) ? Files.readString(reportFile, StandardCharsets.UTF_8) : null;
        String checksum = null;
        String version = null;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject provenance = reader.readObject().getJsonObject("provenance");
            if (provenance != null) {
                checksum = text(provenance.get("snapshotChecksum"));
                JsonValue software = provenance.get("software");
                if (software instanceof JsonObject s) {
                    version = text(s.get("version"));
                }
            }
        } catch (JsonException | ClassCastException e) {
            throw new IOException("result.json is not the expected JSON: " + e.getMessage(), e);
        }
        return new AnalysisOutputs(json, report, checksum, version, List.copyOf(files));
    }

    static String mediaType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=UTF-8";
        }
        if (lower.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        if (lower.endsWith(".js")) {
            return "text/javascript; charset=UTF-8";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : null;
    }
}
