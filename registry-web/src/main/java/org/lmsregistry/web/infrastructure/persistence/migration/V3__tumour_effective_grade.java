package org.lmsregistry.web.infrastructure.persistence.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Stage;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.validation.InvalidRecordException;

/**
 * Adds {@code tumour.grade}, the effective FNCLCC grade that the patient list shows and filters on,
 * and fills it for the rows already stored. The value comes from {@link Tumour#grade()} (derived
 * from the components when all are known, else the stated grade), never from SQL: the grading
 * table has one definition, in registry-model. From now on every writer stores it (RecordStore).
 *
 * <p>Java, because the backfill needs the model. It reads the V1 columns by name rather than
 * through the current FieldSpecs, so that later model fields do not break this migration.
 */
public class V3__tumour_effective_grade extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("alter table tumour add column grade text");
            s.execute("comment on column tumour.grade is 'Effective FNCLCC grade: Tumour.grade() of registry-model"
                    + " (from the components when all are known, else fnclcc_grade). Written by the application.'");
        }
        backfill(c);
        try (Statement s = c.createStatement()) {
            s.execute("alter table tumour add constraint tumour_grade_ck check (grade in ('G1', 'G2', 'G3'))");
            s.execute("drop index if exists tumour_grade_ix");
            s.execute("create index tumour_grade_ix on tumour (grade)");
        }
    }

    private static void backfill(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select t.id, s.code, p.patient_pseudonym,"
                + " t.primary_location, t.depth, t.largest_diameter_mm, t.differentiation_score, t.mitoses_per_10hpf,"
                + " t.necrosis, t.fnclcc_grade, t.stage, t.histology_notes"
                + " from tumour t join patient p on p.id = t.patient_id join site s on s.id = t.site_id order by t.id");
                PreparedStatement update = c.prepareStatement("update tumour set grade = ? where id = ?")) {
            select.setFetchSize(1_000);
            int pending = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Tumour tumour;
                    try {
                        tumour = new Tumour(rs.getString(2), rs.getString(3),
                                code(PrimaryLocation.class, rs.getString(4)), code(TumourDepth.class, rs.getString(5)),
                                integer(rs, 6), integer(rs, 7), integer(rs, 8),
                                code(TumourNecrosis.class, rs.getString(9)), code(FnclccGrade.class, rs.getString(10)),
                                code(Stage.class, rs.getString(11)), rs.getString(12));
                    } catch (InvalidRecordException e) {
                        // stored rows were validated on the way in; one that is not valid now needs a person
                        throw new IllegalStateException("tumour id " + id + " is not a valid record, so its grade"
                                + " cannot be derived: " + e.getMessage(), e);
                    }
                    FnclccGrade grade = tumour.grade();
                    update.setString(1, grade == null ? null : grade.name());
                    update.setLong(2, id);
                    update.addBatch();
                    if (++pending % 1_000 == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
    }

    private static Integer integer(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }

    private static <E extends Enum<E>> E code(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
