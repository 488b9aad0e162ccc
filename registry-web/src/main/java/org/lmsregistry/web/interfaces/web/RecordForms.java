package org.lmsregistry.web.interfaces.web;

import java.util.Arrays;
import java.util.List;
import org.lmsregistry.model.record.RecordType;

/** Addresses of the record form of a stored record, from its type name and natural key (site/pseudonym/own key). */
final class RecordForms {

    private RecordForms() {
    }

    static String link(String typeName, String naturalKey, String field) {
        RecordType type;
        try {
            type = RecordType.valueOf(typeName);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        List<String> parts = naturalKey == null ? List.of() : Arrays.asList(naturalKey.split("/"));
        if (type == RecordType.RADIOMICS_VALUE || parts.size() < 2) {
            return null;
        }
        StringBuilder b = new StringBuilder("/app/site/record.xhtml?type=").append(type.baseName())
                .append("&patient=").append(parts.get(1));
        if (parts.size() > 2) {
            b.append("&key=").append(String.join("/", parts.subList(2, parts.size())));
        }
        if (field != null && !field.isEmpty()) {
            b.append("#record:f_").append(field);
        }
        return b.toString();
    }
}
