package org.lmsregistry.model.record;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The typed values of one record before (or after) it becomes a record object: what parsers fill,
 * what single-record rules check and what record factories read. A field whose text could not be
 * converted is marked unparseable, so that it is reported once (by the parser) and not again as
 * missing.
 */
public final class FieldValues {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> unparseable = new HashSet<>();

    /** The values of an existing record, read through its record type's field specs. */
    public static <R> FieldValues of(RecordType type, R record) {
        FieldValues v = new FieldValues();
        for (FieldSpec<?> field : type.fields()) {
            @SuppressWarnings("unchecked")
            FieldSpec<R> f = (FieldSpec<R>) field;
            v.put(f.name(), f.valueOf(record));
        }
        return v;
    }

    /** Sets a value; null (or an empty set) means "not given". */
    public FieldValues put(String field, Object value) {
        if (value == null || (value instanceof Set<?> s && s.isEmpty())) {
            values.remove(field);
        } else {
            values.put(field, value);
        }
        return this;
    }

    public FieldValues markUnparseable(String field) {
        unparseable.add(field);
        values.remove(field);
        return this;
    }

    public boolean isUnparseable(String field) {
        return unparseable.contains(field);
    }

    /** Whether some field could not be converted (such values never become a record). */
    public boolean anyUnparseable() {
        return !unparseable.isEmpty();
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Object get(String field) {
        return values.get(field);
    }

    public String text(String field) {
        return (String) values.get(field);
    }

    public Integer integer(String field) {
        return (Integer) values.get(field);
    }

    public Double decimal(String field) {
        return (Double) values.get(field);
    }

    public Boolean bool(String field) {
        return (Boolean) values.get(field);
    }

    public <E extends Enum<E>> E code(String field, Class<E> type) {
        return type.cast(values.get(field));
    }

    @SuppressWarnings("unchecked")
    public <E extends Enum<E>> Set<E> codes(String field, Class<E> type) {
        Object v = values.get(field);
        if (v == null) {
            return Collections.unmodifiableSet(EnumSet.noneOf(type));
        }
        return Collections.unmodifiableSet(EnumSet.copyOf((Set<E>) v));
    }

    /** Field names with a value, in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
