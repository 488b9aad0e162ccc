package org.lmsregistry.etl.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local record of what the registry has accepted: one JSON line per accepted batch (registry,
 * site, idempotency key, the patients and digests it held, the registry's answer), appended and
 * forced to disk before the next batch is sent. It holds pseudonyms and digests only, no data.
 * A line cut short by a crash is ignored.
 */
public final class UploadJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String registry;
    private final String site;

    public UploadJournal(Path file, String registry, String site) {
        this.file = file;
        this.registry = registry;
        this.site = site;
    }

    public Path file() {
        return file;
    }

    /** Patients (pseudonym:digest) the registry has accepted from this site, as journaled. */
    public Set<String> done() throws IOException {
        Set<String> done = new HashSet<>();
        if (!Files.exists(file)) {
            return done;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line cut short: its batch is sent again with the same key
            }
            if (n == null || !registry.equals(n.path("registry").asText()) || !site.equals(n.path("site").asText())) {
                continue;
            }
            for (JsonNode p : n.path("patients")) {
                done.add(UploadPlan.doneKey(p.path(0).asText(), p.path(1).asText()));
            }
        }
        return done;
    }

    /** Appends an accepted batch and forces it to disk. */
    public void accepted(UploadPlan.Batch batch, int status, JsonNode answer) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("registry", registry);
        n.put("site", site);
        n.put("key", batch.key());
        n.put("status", status);
        n.put("records", batch.records());
        n.put("at", Instant.now().toString());
        ArrayNode patients = n.putArray("patients");
        for (UploadPlan.PatientRecords p : batch.patients()) {
            patients.addArray().add(p.pseudonym()).add(p.digest());
        }
        if (answer != null) {
            n.set("answer", answer);
        }
        byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** For tests and messages: the keys journaled so far. */
    List<String> keys() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l).path("key").asText();
            } catch (IOException e) {
                return "";
            }
        }).filter(k -> !k.isEmpty()).toList();
    }
}
