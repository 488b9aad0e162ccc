package org.lmsregistry.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.infrastructure.persistence.DatabaseMigrations;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * The Flyway schema and the model's FieldSpecs describe the same records: a field added, renamed,
 * made required or given another code list in registry-model fails here until a migration follows.
 * Plain JDBC against the migrated schema in a database of its own; no container.
 */
@ExtendWith(TestEnvironmentExtension.class)
class RegistrySchemaMatchesModelIT {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private static DataSource db;

    @BeforeAll
    static void migrate() {
        db = TestPostgres.get().createDatabase("schema_vs_model");
        DatabaseMigrations.migrate(db, RegistrySchemaMatchesModelIT.class.getClassLoader());
    }

    @Test
    void everyFieldHasAColumnOfTheRightTypeAndNullability() throws SQLException {
        SoftAssertions softly = new SoftAssertions();
        for (RecordType type : RecordType.values()) {
            Map<String, Column> columns = columns(RecordTables.table(type));
            softly.assertThat(columns).as("table %s", RecordTables.table(type)).isNotEmpty();
            for (FieldSpec<?> field : type.fields()) {
                String name = RecordTables.column(type, field);
                Column column = columns.get(name);
                softly.assertThat(column).as("%s.%s for field %s", RecordTables.table(type), name, field.name())
                        .isNotNull();
                if (column == null) {
                    continue;
                }
                String expected = RecordTables.isReference(type, field) ? "bigint" : sqlType(field.type());
                softly.assertThat(column.type()).as("type of %s.%s", RecordTables.table(type), name)
                        .isEqualTo(expected);
                boolean notNull = field.isRequired() || field.type() == FieldType.CODES;
                softly.assertThat(column.notNull()).as("NOT NULL of %s.%s", RecordTables.table(type), name)
                        .isEqualTo(notNull);
            }
        }
        softly.assertAll();
    }

    @Test
    void everyColumnBelongsToAFieldOrIsDerivedFromTheRecord() throws SQLException {
        SoftAssertions softly = new SoftAssertions();
        for (RecordType type : RecordType.values()) {
            Set<String> expected = new LinkedHashSet<>(List.of("id", "version", "site_id", "patient_id"));
            type.fields().forEach(f -> expected.add(RecordTables.column(type, f)));
            RecordTables.derivedColumns(type).forEach(d -> expected.add(d.name()));
            if (type == RecordType.PATIENT) {
                expected.remove("patient_id");
            }
            softly.assertThat(columns(RecordTables.table(type)).keySet()).as("columns of %s", RecordTables.table(type))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        softly.assertAll();
    }

    @Test
    void everyCodeColumnAcceptsExactlyItsCodeList() throws SQLException {
        SoftAssertions softly = new SoftAssertions();
        for (RecordType type : RecordType.values()) {
            for (FieldSpec<?> field : type.fields()) {
                if (field.type() != FieldType.CODE && field.type() != FieldType.CODES) {
                    continue;
                }
                List<String> codes = new ArrayList<>();
                for (Enum<?> code : field.codeList().getEnumConstants()) {
                    codes.add(code.name());
                }
                String constraint = checkConstraint(RecordTables.table(type), RecordTables.column(type, field));
                softly.assertThat(constraint).as("CHECK on %s.%s", RecordTables.table(type), field.name()).isNotNull();
                if (constraint != null) {
                    softly.assertThat(quotedLiterals(constraint)).as("codes allowed in %s.%s", RecordTables.table(type),
                            field.name()).containsExactlyInAnyOrderElementsOf(codes);
                }
            }
        }
        softly.assertAll();
    }

    private static String sqlType(FieldType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case DECIMAL -> "double precision";
            case BOOLEAN -> "boolean";
            case CODES -> "ARRAY";
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT, CODE -> "text";
        };
    }

    private record Column(String type, boolean notNull) {
    }

    private static Map<String, Column> columns(String table) throws SQLException {
        Map<String, Column> columns = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "select column_name, data_type, is_nullable from information_schema.columns"
                        + " where table_schema = current_schema() and table_name = ?")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new Column(rs.getString(2), "NO".equals(rs.getString(3))));
                }
            }
        }
        return columns;
    }

    /** The definition of the one CHECK constraint that involves exactly this column. */
    private static String checkConstraint(String table, String column) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "select pg_get_constraintdef(con.oid) from pg_constraint con"
                        + " join pg_class rel on rel.oid = con.conrelid"
                        + " join pg_attribute att on att.attrelid = rel.oid and att.attnum = any (con.conkey)"
                        + " where con.contype = 'c' and rel.relname = ? and att.attname = ?"
                        + " and cardinality(con.conkey) = 1")) {
            q.setString(1, table);
            q.setString(2, column);
            try (ResultSet rs = q.executeQuery()) {
                String definition = rs.next() ? rs.getString(1) : null;
                assertThat(rs.next()).as("more than one CHECK on %s.%s", table, column).isFalse();
                return definition;
            }
        }
    }

    private static List<String> quotedLiterals(String definition) {
        List<String> literals = new ArrayList<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            literals.add(m.group(1));
        }
        return literals;
    }
}
