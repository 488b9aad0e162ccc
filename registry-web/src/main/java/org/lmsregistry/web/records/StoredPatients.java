package org.lmsregistry.web.records;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * The stored records of some patients of one site, as read at one moment inside a transaction:
 * what a batch is validated against ({@link #asBatch()} for {@code StoredRecords}), what its records
 * replace, and the patients' database ids.
 */
public final class StoredPatients {

    private final long siteId;
    private final String siteCode;
    private final Map<String, Long> patientIds = new HashMap<>();
    private final Map<RecordType, Map<String, RegistryRecord>> byKey = new EnumMap<>(RecordType.class);

    StoredPatients(long siteId, String siteCode) {
        this.siteId = siteId;
        this.siteCode = siteCode;
        for (RecordType t : RecordType.values()) {
            byKey.put(t, new LinkedHashMap<>());
        }
    }

    void addPatient(long id, RegistryRecord patient) {
        patientIds.put(patient.patientPseudonym(), id);
        add(patient);
    }

    void add(RegistryRecord record) {
        byKey.get(RecordType.of(record)).put(record.naturalKey(), record);
    }

    public long siteId() {
        return siteId;
    }

    public String siteCode() {
        return siteCode;
    }

    /** The database id of a stored patient. */
    public Optional<Long> patientId(String pseudonym) {
        return Optional.ofNullable(patientIds.get(pseudonym));
    }

    /** The stored record with this natural key, if any. */
    public Optional<RegistryRecord> find(RecordType type, String naturalKey) {
        return Optional.ofNullable(byKey.get(type).get(naturalKey));
    }

    public Collection<RegistryRecord> records(RecordType type) {
        return byKey.get(type).values();
    }

    /** Every stored record of one patient, per type in storage order. */
    public List<RegistryRecord> recordsOf(String pseudonym, RecordType type) {
        List<RegistryRecord> list = new ArrayList<>();
        for (RegistryRecord r : byKey.get(type).values()) {
            if (r.patientPseudonym().equals(pseudonym)) {
                list.add(r);
            }
        }
        return list;
    }

    public int size() {
        return byKey.values().stream().mapToInt(Map::size).sum();
    }

    /** Everything, as a batch for {@code StoredRecords}. */
    public RegistryBatch asBatch() {
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        for (RecordType t : RecordType.values()) {
            b.addAll(byKey.get(t).values());
        }
        return b.build();
    }
}
