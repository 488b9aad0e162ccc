package org.lmsregistry.model.record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A set of records of every type, as one interchange upload, one generated cohort or one site's
 * export holds them. Lists keep their order (the rows of the files they came from).
 */
public record RegistryBatch(List<Patient> patients, List<Tumour> tumours, List<Biopsy> biopsies,
        List<ImagingStudy> imagingStudies, List<ImagingFeatures> imagingFeatures,
        List<RadiomicsValue> radiomicsValues, List<Treatment> treatments, List<OutcomeEvent> outcomeEvents) {

    public RegistryBatch {
        patients = List.copyOf(patients);
        tumours = List.copyOf(tumours);
        biopsies = List.copyOf(biopsies);
        imagingStudies = List.copyOf(imagingStudies);
        imagingFeatures = List.copyOf(imagingFeatures);
        radiomicsValues = List.copyOf(radiomicsValues);
        treatments = List.copyOf(treatments);
        outcomeEvents = List.copyOf(outcomeEvents);
    }

    public static RegistryBatch empty() {
        return new RegistryBatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    /** The records of one type, in order. */
    public List<? extends RegistryRecord> records(RecordType type) {
        return switch (type) {
            case PATIENT -> patients;
            case TUMOUR -> tumours;
            case BIOPSY -> biopsies;
            case IMAGING_STUDY -> imagingStudies;
            case IMAGING_FEATURES -> imagingFeatures;
            case RADIOMICS_VALUE -> radiomicsValues;
            case TREATMENT -> treatments;
            case OUTCOME_EVENT -> outcomeEvents;
        };
    }

    /** Every record, type by type in {@link RecordType} order. */
    public Stream<RegistryRecord> all() {
        return Stream.of(RecordType.values()).flatMap(t -> records(t).stream());
    }

    public int size() {
        return (int) Stream.of(RecordType.values()).mapToLong(t -> records(t).size()).sum();
    }

    /** Number of records per type. */
    public Map<RecordType, Integer> counts() {
        Map<RecordType, Integer> counts = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            counts.put(t, records(t).size());
        }
        return counts;
    }

    /** Collects records of any types into a batch. */
    public static final class Builder {
        private final Map<RecordType, List<RegistryRecord>> records = new EnumMap<>(RecordType.class);

        public Builder() {
            for (RecordType t : RecordType.values()) {
                records.put(t, new ArrayList<>());
            }
        }

        public Builder add(RegistryRecord record) {
            records.get(RecordType.of(record)).add(record);
            return this;
        }

        public Builder addAll(Iterable<? extends RegistryRecord> more) {
            more.forEach(this::add);
            return this;
        }

        @SuppressWarnings("unchecked")
        private <R> List<R> list(RecordType t) {
            return (List<R>) (List<?>) records.get(t);
        }

        public RegistryBatch build() {
            return new RegistryBatch(list(RecordType.PATIENT), list(RecordType.TUMOUR), list(RecordType.BIOPSY),
                    list(RecordType.IMAGING_STUDY), list(RecordType.IMAGING_FEATURES),
                    list(RecordType.RADIOMICS_VALUE), list(RecordType.TREATMENT), list(RecordType.OUTCOME_EVENT));
        }
    }
}
