package org.lmsregistry.web.records;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lmsregistry.model.record.FieldSpec;

/** Binding field values to statement parameters and reading them back from result columns, by FieldSpec type. */
public final class RecordColumns {

    private RecordColumns() {
    }

    public static void bind(Connection connection, PreparedStatement statement, int index, FieldSpec<?> field,
            Object value) throws SQLException {
        switch (field.type()) {
            case INTEGER -> {
                if (value == null) {
                    statement.setNull(index, Types.INTEGER);
                } else {
                    statement.setInt(index, (Integer) value);
                }
            }
            case DECIMAL -> {
                if (value == null) {
                    statement.setNull(index, Types.DOUBLE);
                } else {
                    statement.setDouble(index, (Double) value);
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    statement.setNull(index, Types.BOOLEAN);
                } else {
                    statement.setBoolean(index, (Boolean) value);
                }
            }
            case CODE -> statement.setString(index, value == null ? null : ((Enum<?>) value).name());
            case CODES -> statement.setArray(index, codeArray(connection, (Collection<?>) value));
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT -> statement.setString(index, (String) value);
        }
    }

    /** An empty set is stored as an empty array (the columns are NOT NULL DEFAULT '{}'). */
    private static Array codeArray(Connection connection, Collection<?> codes) throws SQLException {
        List<String> names = new ArrayList<>();
        if (codes != null) {
            for (Object code : codes) {
                names.add(((Enum<?>) code).name());
            }
        }
        return connection.createArrayOf("text", names.toArray());
    }

    /** The typed value of a column, as the record factories expect it (null when SQL NULL). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object read(ResultSet rs, int index, FieldSpec<?> f) throws SQLException {
        Object value = switch (f.type()) {
            case INTEGER -> {
                int v = rs.getInt(index);
                yield rs.wasNull() ? null : v;
            }
            case DECIMAL -> {
                double v = rs.getDouble(index);
                yield rs.wasNull() ? null : v;
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(index);
                yield rs.wasNull() ? null : v;
            }
            case CODE -> {
                String code = rs.getString(index);
                yield code == null ? null : Enum.valueOf((Class) f.codeList(), code);
            }
            case CODES -> {
                Array array = rs.getArray(index);
                Set set = EnumSet.noneOf((Class) f.codeList());
                if (array != null) {
                    for (Object code : (Object[]) array.getArray()) {
                        set.add(Enum.valueOf((Class) f.codeList(), (String) code));
                    }
                }
                yield set;
            }
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT -> rs.getString(index);
        };
        return value;
    }
}
