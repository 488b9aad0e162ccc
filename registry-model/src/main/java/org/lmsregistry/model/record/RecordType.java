package org.lmsregistry.model.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry's record types, each with its fields (the single source of truth for the
 * interchange format, single-value validation and the data dictionary), its interchange file name
 * and its factory.
 */
public enum RecordType {
    PATIENT("patients", "Patient", Patient.class, Patient.FIELDS, Patient::from),
    TUMOUR("tumours", "Primary tumour", Tumour.class, Tumour.FIELDS, Tumour::from),
    BIOPSY("biopsies", "Biopsy", Biopsy.class, Biopsy.FIELDS, Biopsy::from),
    IMAGING_STUDY("imaging_studies", "Imaging study", ImagingStudy.class, ImagingStudy.FIELDS, ImagingStudy::from),
    IMAGING_FEATURES("imaging_features", "Imaging features", ImagingFeatures.class, ImagingFeatures.FIELDS,
            ImagingFeatures::from),
    RADIOMICS_VALUE("radiomics_values", "Radiomics value", RadiomicsValue.class, RadiomicsValue.FIELDS,
            RadiomicsValue::from),
    TREATMENT("treatments", "Treatment", Treatment.class, Treatment.FIELDS, Treatment::from),
    OUTCOME_EVENT("outcome_events", "Outcome event", OutcomeEvent.class, OutcomeEvent.FIELDS, OutcomeEvent::from);

    private final String baseName;
    private final String label;
    private final Class<? extends RegistryRecord> recordClass;
    private final List<? extends FieldSpec<?>> fields;
    private final Function<FieldValues, ? extends RegistryRecord> factory;
    private final Map<String, FieldSpec<?>> byName;

    <R extends RegistryRecord> RecordType(String baseName, String label, Class<R> recordClass,
            List<FieldSpec<R>> fields, Function<FieldValues, R> factory) {
        this.baseName = baseName;
        this.label = label;
        this.recordClass = recordClass;
        this.fields = fields;
        this.factory = factory;
        this.byName = fields.stream().collect(Collectors.toUnmodifiableMap(FieldSpec::name, f -> f));
    }

    /** The base name used for the interchange file, the JSON property and the REST collection. */
    public String baseName() {
        return baseName;
    }

    /** The interchange CSV file name, e.g. {@code imaging_studies.csv}. */
    public String fileName() {
        return baseName + ".csv";
    }

    public String label() {
        return label;
    }

    public Class<? extends RegistryRecord> recordClass() {
        return recordClass;
    }

    /** The fields in interchange column order. */
    @SuppressWarnings("unchecked")
    public List<FieldSpec<?>> fields() {
        return (List<FieldSpec<?>>) fields;
    }

    public Optional<FieldSpec<?>> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names of the natural-key fields. */
    public List<String> keyFields() {
        return fields.stream().filter(FieldSpec::isKey).map(FieldSpec::name).toList();
    }

    /**
     * Builds a record from typed values.
     *
     * @throws org.lmsregistry.model.validation.InvalidRecordException if the values break a rule
     */
    public RegistryRecord create(FieldValues values) {
        return factory.apply(values);
    }

    /** The record type of a record object. */
    public static RecordType of(RegistryRecord record) {
        for (RecordType t : values()) {
            if (t.recordClass == record.getClass()) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a registry record: " + record.getClass());
    }

    /** The record type whose interchange file or base name this is, e.g. {@code patients.csv}. */
    public static Optional<RecordType> ofFileName(String name) {
        for (RecordType t : values()) {
            if (t.fileName().equals(name) || t.baseName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
