package org.lmsregistry.etl.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * Splits a validated folder into upload batches, deterministically: all records of one patient go
 * in the same batch (so the rules between a patient's records hold within each batch), patients in
 * pseudonym order, at most {@code batchSize} records per batch (a larger patient goes alone). Each
 * patient's content has a digest, and each batch an idempotency key derived from the digests of its
 * patients, so a resumed run that sends the same remaining patients builds the same first batch with
 * the same key: a batch the registry stored before the interruption is answered, not stored again.
 */
public final class UploadPlan {

    /** One patient's records, and the digest of their content. */
    public record PatientRecords(String pseudonym, String digest, List<RegistryRecord> records) {
    }

    /** One batch: its key and its patients. */
    public record Batch(String key, List<PatientRecords> patients) {

        public int records() {
            return patients.stream().mapToInt(p -> p.records().size()).sum();
        }

        public RegistryBatch toRegistryBatch() {
            RegistryBatch.Builder b = new RegistryBatch.Builder();
            patients.forEach(p -> b.addAll(p.records()));
            return b.build();
        }
    }

    private UploadPlan() {
    }

    /** The patients of a batch of records, in pseudonym order, each with its records in registry order. */
    public static List<PatientRecords> patients(RegistryBatch batch) {
        Map<String, List<RegistryRecord>> byPatient = new TreeMap<>();
        for (RecordType t : RecordType.values()) {
            for (RegistryRecord r : batch.records(t)) {
                byPatient.computeIfAbsent(r.patientPseudonym(), k -> new ArrayList<>()).add(r);
            }
        }
        List<PatientRecords> out = new ArrayList<>();
        byPatient.forEach((p, records) -> out.add(new PatientRecords(p, digest(records), List.copyOf(records))));
        return out;
    }

    /** Packs patients (in the given order) into batches of at most {@code batchSize} records. */
    public static List<Batch> batches(String siteCode, List<PatientRecords> patients, int batchSize) {
        List<Batch> out = new ArrayList<>();
        List<PatientRecords> current = new ArrayList<>();
        int size = 0;
        for (PatientRecords p : patients) {
            if (!current.isEmpty() && size + p.records().size() > batchSize) {
                out.add(new Batch(key(siteCode, current), List.copyOf(current)));
                current.clear();
                size = 0;
            }
            current.add(p);
            size += p.records().size();
        }
        if (!current.isEmpty()) {
            out.add(new Batch(key(siteCode, current), List.copyOf(current)));
        }
        return out;
    }

    /** The patients not yet sent: those whose pseudonym and digest are not among {@code done}. */
    public static List<PatientRecords> remaining(List<PatientRecords> patients, Set<String> done) {
        return patients.stream().filter(p -> !done.contains(doneKey(p.pseudonym(), p.digest()))).toList();
    }

    static String doneKey(String pseudonym, String digest) {
        return pseudonym + ":" + digest;
    }

    static String key(String siteCode, List<PatientRecords> patients) {
        StringBuilder b = new StringBuilder("lms-upload-v1\n").append(siteCode).append('\n');
        patients.forEach(p -> b.append(p.pseudonym()).append(':').append(p.digest()).append('\n'));
        return "lms1-" + sha256(b.toString());
    }

    /** A digest of records as written in the interchange format: any change of any value changes it. */
    static String digest(List<RegistryRecord> records) {
        StringBuilder b = new StringBuilder();
        for (RegistryRecord r : records) {
            RecordType t = RecordType.of(r);
            b.append(t.baseName());
            for (FieldSpec<?> f : t.fields()) {
                @SuppressWarnings("unchecked")
                FieldSpec<RegistryRecord> field = (FieldSpec<RegistryRecord>) f;
                b.append('\u001f').append(FieldText.format(field.valueOf(r)));
            }
            b.append('\u001e');
        }
        return sha256(b.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records per type in a batch, for messages. */
    static Map<String, Integer> counts(Batch b) {
        Map<String, Integer> m = new LinkedHashMap<>();
        b.toRegistryBatch().counts().forEach((t, n) -> {
            if (n > 0) {
                m.put(t.baseName(), n);
            }
        });
        return m;
    }
}
