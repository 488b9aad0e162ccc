package org.lmsregistry.model.dictionary;

import java.util.List;

import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;

/**
 * One variable of the data dictionary: one field of one record type, as its {@code FieldSpec}
 * defines it.
 *
 * @param variable   the field name (CSV column, JSON property)
 * @param recordType the record type the field belongs to
 * @param label      what people read in forms
 * @param fieldType  the registry field type
 * @param unit       unit of a number, or null
 * @param choices    the codes of a CODE or CODES field in code-list order, else empty
 * @param rangeMin   inclusive minimum of a number, or null
 * @param rangeMax   inclusive maximum of a number, or null
 * @param required   whether every record must give it
 * @param key        whether it is part of the record's natural key
 * @param notes      conditions and meaning, or null
 */
public record DictionaryEntry(String variable, RecordType recordType, String label, FieldType fieldType,
        String unit, List<Choice> choices, Double rangeMin, Double rangeMax, boolean required, boolean key,
        String notes) {

    /** One code of a code list and its label. */
    public record Choice(String code, String label) {
    }

    public DictionaryEntry {
        choices = List.copyOf(choices);
    }

    /** The REDCap-style type: text, integer, number, yesno, radio, checkbox, notes. */
    public String type() {
        return fieldType.dictionaryType();
    }

    /** The choices in REDCap style: {@code CODE, Label | CODE, Label}, or "". */
    public String choicesText() {
        StringBuilder s = new StringBuilder();
        for (Choice c : choices) {
            s.append(s.length() == 0 ? "" : " | ").append(c.code()).append(", ").append(c.label());
        }
        return s.toString();
    }
}
