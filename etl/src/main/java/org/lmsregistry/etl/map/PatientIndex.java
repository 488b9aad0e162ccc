package org.lmsregistry.etl.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lmsregistry.etl.report.EtlRule;
import org.lmsregistry.etl.report.Finding;

/**
 * The site's patients by local identifier, with the dates everything is counted from: read from the
 * patient source of a mapping file, or from a plain patient list ({@code patient_id,diagnosis_date}).
 * Problems (unreadable dates, conflicting rows) become findings at their line.
 */
public final class PatientIndex {

    /**
     * One patient's dates. A date that was in the source but could not be read is null and flagged, so
     * that what depends on it is not reported again.
     */
    public record Dates(LocalDate diagnosis, LocalDate birth, String file, int line, boolean diagnosisBad,
            boolean birthBad) {
    }

    /** Column names of a plain patient list. */
    public static final String ID_COLUMN = "patient_id";
    public static final String DIAGNOSIS_COLUMN = "diagnosis_date";

    private final Map<String, Dates> byId = new HashMap<>();
    private final String source;

    private PatientIndex(String source) {
        this.source = source;
    }

    /** The patient source's name, for messages. */
    public String source() {
        return source;
    }

    public Dates get(String localId) {
        return byId.get(localId);
    }

    public int size() {
        return byId.size();
    }

    /** The local patient ids, sorted (e.g. to ask a PACS for their studies). */
    public java.util.List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }

    /** Indexes a read patient source. */
    static PatientIndex build(Mapping.Patients p, SourceTable t, Mapping.Source s, List<Finding> findings) {
        PatientIndex index = new PatientIndex(p.source());
        int idCol = t.column(p.idColumn()).orElseThrow();
        Integer dxCol = p.diagnosisDateColumn() == null ? null : t.column(p.diagnosisDateColumn()).orElseThrow();
        Integer birthCol = p.birthDateColumn() == null ? null : t.column(p.birthDateColumn()).orElseThrow();
        for (int row = 0; row < t.rowCount(); row++) {
            int line = t.line(row);
            String id = t.cell(row, idCol);
            if (id.isEmpty()) {
                findings.add(Finding.of(EtlRule.UNKNOWN_PATIENT_ID, t.display(), line, t.columnLabel(idCol), "",
                        "The local patient identifier is empty."));
                continue;
            }
            int before = findings.size();
            LocalDate dx = dxCol == null ? null : date(t, s, row, dxCol, true, findings);
            int afterDx = findings.size();
            LocalDate birth = birthCol == null ? null : date(t, s, row, birthCol, false, findings);
            Dates dates = new Dates(dx, birth, t.display(), line, afterDx > before, findings.size() > afterDx);
            Dates earlier = index.byId.putIfAbsent(id, dates);
            if (earlier != null && (!Objects.equals(earlier.diagnosis(), dx) || !Objects.equals(earlier.birth(), birth))) {
                findings.add(Finding.of(EtlRule.CONFLICTING_PATIENT, t.display(), line, t.columnLabel(idCol), "",
                        "This patient is also on line " + earlier.line() + " with a different diagnosis or birth date."));
            }
        }
        return index;
    }

    private static LocalDate date(SourceTable t, Mapping.Source s, int row, int col, boolean required,
            List<Finding> findings) {
        String text = t.cell(row, col);
        if (text.isEmpty()) {
            if (required) {
                findings.add(Finding.of(EtlRule.UNPARSEABLE, t.display(), t.line(row), t.columnLabel(col), "",
                        "The diagnosis date is empty; every time in the registry is counted from it."));
            }
            return null;
        }
        ValueParser.Result<LocalDate> d = ValueParser.date(text, s.dateFormats(), s.excelSerialDates(), s.decimalSeparator());
        if (!d.ok()) {
            findings.add(Finding.of(EtlRule.UNPARSEABLE, t.display(), t.line(row), t.columnLabel(col), text,
                    d.error() + "."));
            return null;
        }
        return d.value();
    }

    /**
     * The patient source of a mapping file (its {@code patients} section).
     *
     * @throws org.lmsregistry.etl.EtlException (usage) if the mapping has no patient source with a
     *                                          diagnosis date column or it does not fit the export
     */
    public static PatientIndex fromMapping(Path mappingFile, List<Finding> findings) {
        Mapping m = Mapping.compile(MappingSpec.read(mappingFile), mappingFile);
        if (m.patients() == null || m.patients().diagnosisDateColumn() == null) {
            throw org.lmsregistry.etl.EtlException.usage(mappingFile + " has no patients section with a "
                    + "diagnosis_date_column.");
        }
        return read(m.sources().get(m.patients().source()), m.patients(), findings);
    }

    /**
     * A plain patient list: CSV (UTF-8, ','), with the columns {@code patient_id} and
     * {@code diagnosis_date} (ISO, 2019-03-12); other columns are ignored.
     */
    public static PatientIndex fromCsv(Path file, List<Finding> findings) {
        Mapping.Source s = new Mapping.Source("patients", file, file.toString(), false, StandardCharsets.UTF_8, ',', '"',
                null, 0, 1, '.', null, List.of(), false, List.of(), List.of(), true);
        return read(s, new Mapping.Patients("patients", ID_COLUMN, DIAGNOSIS_COLUMN, null), findings);
    }

    private static PatientIndex read(Mapping.Source s, Mapping.Patients p, List<Finding> findings) {
        SourceTable t;
        try {
            t = SourceReader.read(s);
        } catch (SourceReader.SourceException e) {
            throw org.lmsregistry.etl.EtlException.usage("The patient list cannot be read: " + e.getMessage());
        }
        for (String c : new String[] { p.idColumn(), p.diagnosisDateColumn() }) {
            if (t.column(c).isEmpty()) {
                throw org.lmsregistry.etl.EtlException.usage("The patient list " + t.display() + " has no (single) "
                        + "column \"" + c + "\"; its columns are " + t.distinctHeaders() + ".");
            }
        }
        return build(p, t, s, findings);
    }
}
