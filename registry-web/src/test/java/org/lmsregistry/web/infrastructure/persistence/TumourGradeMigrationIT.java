package org.lmsregistry.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * V3 on a database that already holds tumours (written by the V2-era application, which stored no
 * effective grade): every row gets the grade the model gives, whether it comes from the
 * components or from the stated grade.
 */
@ExtendWith(TestEnvironmentExtension.class)
class TumourGradeMigrationIT {

    @Test
    void existingTumoursGetTheirEffectiveGradeFromTheModel() throws SQLException {
        DataSource db = TestPostgres.get().createDatabase("grade_backfill");
        DatabaseMigrations.configuration(db, getClass().getClassLoader()).target("2").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into site (id, code, name, country) values (1, 'AMS', 'Site A', 'NL')");
            patients(s, 3);
            // components only (differentiation 3 + mitoses 25 -> 3 + necrosis >=50% -> 2 = 8: G3)
            tumour(s, 1, "3", "25", "'HALF_OR_MORE'", "null");
            // components only, low (1 + 0-9 -> 1 + none 0 = 2: G1)
            tumour(s, 2, "1", "4", "'NONE'", "null");
            // a component missing: the stated grade stands in
            tumour(s, 3, "2", "null", "'NONE'", "'G2'");
        }

        DatabaseMigrations.migrate(db, getClass().getClassLoader());

        Map<Long, String> grades = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select patient_id, grade from tumour order by patient_id")) {
            while (rs.next()) {
                grades.put(rs.getLong(1), rs.getString(2));
            }
        }
        // the expectations come from the model's grading table, not from a copy of it here
        assertThat(grades).containsExactly(
                Map.entry(1L, FnclccGrade.derive(3, 25, TumourNecrosis.HALF_OR_MORE).name()),
                Map.entry(2L, FnclccGrade.derive(1, 4, TumourNecrosis.NONE).name()),
                Map.entry(3L, "G2"));
        assertThat(grades.get(1L)).isEqualTo("G3");
        assertThat(grades.get(2L)).isEqualTo("G1");
    }

    @Test
    void aStoredRowTheModelRefusesStopsTheMigrationByNameAndChangesNothing() throws SQLException {
        DataSource db = TestPostgres.get().createDatabase("grade_backfill_bad");
        DatabaseMigrations.configuration(db, getClass().getClassLoader()).target("2").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into site (id, code, name, country) values (1, 'AMS', 'Site A', 'NL')");
            patients(s, 2);
            tumour(s, 1, "3", "25", "'HALF_OR_MORE'", "null");
            // neither components nor a stated grade: only SQL behind the application's back can store this
            tumour(s, 2, "null", "null", "null", "null");
        }

        assertThatThrownBy(() -> DatabaseMigrations.migrate(db, getClass().getClassLoader()))
                .hasStackTraceContaining("is not a valid record, so its grade cannot be derived")
                .hasStackTraceContaining("tumour id 2 ");

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from information_schema.columns"
                        + " where table_name = 'tumour' and column_name = 'grade'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the failed migration was rolled back").isZero();
        }
    }

    private static void patients(Statement s, int count) throws SQLException {
        s.execute("insert into patient (id, site_id, patient_pseudonym, sex, age_at_diagnosis_years, diagnosis_year)"
                + " select g, 1, lpad(to_hex(g), 64, '0'), 'FEMALE', 50, 2015 from generate_series(1, " + count + ") g");
    }

    private static void tumour(Statement s, long patient, String differentiation, String mitoses, String necrosis,
            String stated) throws SQLException {
        s.execute("insert into tumour (site_id, patient_id, primary_location, depth, largest_diameter_mm,"
                + " differentiation_score, mitoses_per_10hpf, necrosis, fnclcc_grade) values (1, " + patient
                + ", 'UTERUS', 'DEEP', 80, " + differentiation + ", " + mitoses + ", " + necrosis + ", " + stated + ")");
    }
}
