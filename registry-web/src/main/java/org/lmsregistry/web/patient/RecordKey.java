package org.lmsregistry.web.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.records.RecordTables;

/**
 * The natural key of one record as an URL names it: type, site, patient pseudonym and the record's
 * own key fields within the patient (none for patients and tumours; study and feature name for a
 * radiomics value).
 */
public record RecordKey(RecordType type, String siteCode, String pseudonym, List<String> ownKey) {

    public RecordKey {
        Objects.requireNonNull(type);
        Objects.requireNonNull(siteCode);
        Objects.requireNonNull(pseudonym);
        ownKey = List.copyOf(ownKey);
        if (ownKey.size() != ownKeyFields(type).size()) {
            throw new IllegalArgumentException(type + " needs " + ownKeyFields(type).size() + " own key values");
        }
    }

    public static RecordKey of(RecordType type, String siteCode, String pseudonym, String... ownKey) {
        return new RecordKey(type, siteCode, pseudonym, List.of(ownKey));
    }

    /** The patient this record belongs to. */
    public RecordKey patient() {
        return new RecordKey(RecordType.PATIENT, siteCode, pseudonym, List.of());
    }

    /** As {@code RegistryRecord.naturalKey()}: site, pseudonym and own key joined by '/'. */
    public String naturalKey() {
        StringBuilder b = new StringBuilder(siteCode).append('/').append(pseudonym);
        ownKey.forEach(k -> b.append('/').append(k));
        return b.toString();
    }

    /**
     * Whether every part has the format its field requires; a key that does not cannot name a stored
     * record (and must not reach a query as anything but a parameter anyway).
     */
    public boolean isWellFormed() {
        if (!matches(RecordTables.SITE_CODE_FIELD, siteCode) || !matches(RecordTables.PATIENT_PSEUDONYM_FIELD, pseudonym)) {
            return false;
        }
        List<FieldSpec<?>> fields = ownKeyFields(type);
        for (int i = 0; i < fields.size(); i++) {
            String pattern = fields.get(i).type().pattern();
            if (ownKey.get(i) == null || (pattern != null && !Pattern.matches(pattern, ownKey.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(String field, String value) {
        String pattern = type.field(field).orElseThrow().type().pattern();
        return value != null && Pattern.matches(pattern, value);
    }

    /** The key fields of a type other than site and patient, in field order. */
    public static List<FieldSpec<?>> ownKeyFields(RecordType type) {
        List<FieldSpec<?>> fields = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            if (f.isKey() && !f.name().equals(RecordTables.SITE_CODE_FIELD)
                    && !f.name().equals(RecordTables.PATIENT_PSEUDONYM_FIELD)) {
                fields.add(f);
            }
        }
        return fields;
    }
}
