package org.lmsregistry.web.patient;

import java.util.List;
import java.util.Map;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

/** Every record of one patient, per type in storage order (the patient itself under PATIENT). */
public record PatientRecords(Map<RecordType, List<RegistryRecord>> records) {

    public RegistryRecord patient() {
        return records.get(RecordType.PATIENT).get(0);
    }

    public List<RegistryRecord> of(RecordType type) {
        return records.getOrDefault(type, List.of());
    }
}
