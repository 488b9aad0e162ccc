package org.lmsregistry.web.records;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * What a set of records does to the stored ones: records to create, records that replace a stored
 * record with the same natural key and differ from it (updates, with the values before), records
 * equal to the stored one (unchanged: not written, not audited), and records to delete.
 */
public final class RecordChanges {

    /** A stored record replaced by a different one with the same natural key. */
    public record Update(RegistryRecord before, RegistryRecord after) {
    }

    private final Map<RecordType, List<RegistryRecord>> creates = new EnumMap<>(RecordType.class);
    private final Map<RecordType, List<Update>> updates = new EnumMap<>(RecordType.class);
    private final Map<RecordType, Integer> unchanged = new EnumMap<>(RecordType.class);
    private final List<RegistryRecord> deletes = new ArrayList<>();

    private RecordChanges() {
        for (RecordType t : RecordType.values()) {
            creates.put(t, new ArrayList<>());
            updates.put(t, new ArrayList<>());
            unchanged.put(t, 0);
        }
    }

    /** Every record of the batch, created or replacing the stored record with its natural key. */
    public static RecordChanges upsert(RegistryBatch batch, StoredPatients stored) {
        RecordChanges changes = new RecordChanges();
        for (RecordType t : RecordType.values()) {
            for (RegistryRecord r : batch.records(t)) {
                Optional<RegistryRecord> before = stored.find(t, r.naturalKey());
                if (before.isEmpty()) {
                    changes.creates.get(t).add(r);
                } else if (before.get().equals(r)) {
                    changes.unchanged.merge(t, 1, Integer::sum);
                } else {
                    changes.updates.get(t).add(new Update(before.get(), r));
                }
            }
        }
        return changes;
    }

    /** Stored records to delete, in the order given (dependent records before the records they depend on). */
    public static RecordChanges delete(List<RegistryRecord> stored) {
        RecordChanges changes = new RecordChanges();
        changes.deletes.addAll(stored);
        return changes;
    }

    public List<RegistryRecord> creates(RecordType type) {
        return creates.get(type);
    }

    public List<Update> updates(RecordType type) {
        return updates.get(type);
    }

    public int unchanged(RecordType type) {
        return unchanged.get(type);
    }

    public List<RegistryRecord> deletes() {
        return deletes;
    }

    public int createdCount() {
        return creates.values().stream().mapToInt(List::size).sum();
    }

    public int updatedCount() {
        return updates.values().stream().mapToInt(List::size).sum();
    }

    public int unchangedCount() {
        return unchanged.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean isEmpty() {
        return createdCount() == 0 && updatedCount() == 0 && deletes.isEmpty();
    }
}
