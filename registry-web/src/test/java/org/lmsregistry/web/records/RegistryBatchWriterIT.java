package org.lmsregistry.web.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.web.infrastructure.persistence.DatabaseMigrations;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * Every record type and every kind of field survives the trip model -> tables -> model unchanged,
 * and a batch that breaks a constraint leaves nothing behind.
 */
@ExtendWith(TestEnvironmentExtension.class)
class RegistryBatchWriterIT {

    private static final String P1 = SampleRecords.P1;

    private DataSource db;

    @BeforeEach
    void freshDatabase() throws SQLException {
        db = TestPostgres.get().createDatabase("batch_writer");
        DatabaseMigrations.migrate(db, getClass().getClassLoader());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into site (code, name, country) values ('AMS', 'Site A', 'NL'), ('BCN', 'Site B', 'ES')");
        }
    }

    @Test
    void everyRecordTypeRoundTrips() throws SQLException {
        RegistryBatch batch = SampleRecords.batch();
        Map<RecordType, Integer> counts = write(batch);

        assertThat(counts).isEqualTo(batch.counts());
        for (RecordType type : RecordType.values()) {
            assertThat(readBack(type)).as(type.label()).containsExactlyElementsOf(batch.records(type));
        }
    }

    @Test
    void childrenMayBelongToPatientsStoredEarlier() throws SQLException {
        write(new RegistryBatch.Builder().add(SampleRecords.patient(P1, "AMS")).build());
        ImagingStudy later = new ImagingStudy("AMS", P1, "S9", 30, Modality.US, StudyPurpose.RESPONSE,
                BodyRegion.PRIMARY_SITE, false, null, RecordSource.FORM, null, null, null, Set.of());

        write(new RegistryBatch.Builder().add(later).build());

        assertThat(readBack(RecordType.IMAGING_STUDY)).containsExactly(later);
    }

    @Test
    void aRejectedRowLeavesNothingBehind() throws SQLException {
        Tumour second = new Tumour("AMS", P1, PrimaryLocation.TRUNK, TumourDepth.DEEP, 40, null, null, null,
                FnclccGrade.G2, null, null);
        RegistryBatch batch = new RegistryBatch.Builder().addAll(SampleRecords.batch().all().toList()).add(second).build();

        assertThatThrownBy(() -> write(batch)).isInstanceOf(SQLException.class)
                .hasMessageContaining("tumour_patient_uk");
        for (RecordType type : RecordType.values()) {
            assertThat(readBack(type)).as(type.label()).isEmpty();
        }
    }

    @Test
    void anUnknownSiteIsRefusedWithItsCode() {
        RegistryBatch batch = new RegistryBatch.Builder().add(SampleRecords.patient(P1, "XYZ")).build();

        assertThatThrownBy(() -> write(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown site XYZ");
    }

    private Map<RecordType, Integer> write(RegistryBatch batch) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<RecordType, Integer> counts = new RegistryBatchWriter().insert(c, batch);
                c.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Reads a table back into records, through the same FieldSpecs (the reverse of the writer). */
    private List<RegistryRecord> readBack(RecordType type) throws SQLException {
        String table = RecordTables.table(type);
        StringJoiner columns = new StringJoiner(", ");
        columns.add("s.code");
        if (type != RecordType.PATIENT) {
            columns.add("p.patient_pseudonym");
        }
        RecordTables.valueFields(type).forEach(f -> columns.add("x." + RecordTables.column(type, f)));
        String sql = "select " + columns + " from " + table + " x join site s on s.id = x.site_id"
                + (type == RecordType.PATIENT ? "" : " join patient p on p.id = x.patient_id") + " order by x.id";
        List<RegistryRecord> records = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                FieldValues values = new FieldValues().put(RecordTables.SITE_CODE_FIELD, rs.getString(1));
                int index = 2;
                if (type != RecordType.PATIENT) {
                    values.put(RecordTables.PATIENT_PSEUDONYM_FIELD, rs.getString(index++));
                }
                for (FieldSpec<?> f : RecordTables.valueFields(type)) {
                    values.put(f.name(), read(rs, index++, f));
                }
                records.add(type.create(values));
            }
        }
        return records;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(ResultSet rs, int index, FieldSpec<?> f) throws SQLException {
        Object value = switch (f.type()) {
            case INTEGER, BOOLEAN -> rs.getObject(index);
            case DECIMAL -> rs.getObject(index, Double.class);
            case CODE -> {
                String code = rs.getString(index);
                yield code == null ? null : Enum.valueOf((Class) f.codeList(), code);
            }
            case CODES -> {
                Array array = rs.getArray(index);
                Set set = EnumSet.noneOf((Class) f.codeList());
                for (Object code : (Object[]) array.getArray()) {
                    set.add(Enum.valueOf((Class) f.codeList(), (String) code));
                }
                yield set;
            }
            case SITE_CODE, PSEUDONYM, HASH, KEY, NAME, TEXT -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }
}
