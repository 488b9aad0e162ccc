package org.lmsregistry.etl.map;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lmsregistry.etl.report.EtlRule;
import org.lmsregistry.etl.report.Finding;
import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.pseudonym.Pseudonymiser;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.BatchValidator;
import org.lmsregistry.model.validation.InvalidRecordException;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RecordRules;
import org.lmsregistry.model.validation.Rule;
import org.lmsregistry.model.validation.RowIndex;

/**
 * Runs a {@link Mapping}: reads the sources, turns every row into a registry record, and checks
 * the records with the registry's own rules. Every problem is reported at the source file, line and
 * column it came from; nothing is guessed, and a row with a problem does not become a record.
 */
public final class Mapper {

    /** The oldest age written; older patients are written as 90 (the registry's rule). */
    static final int AGE_CAP = 90;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /**
     * What a mapping run made.
     *
     * @param batch      the records (complete only if there are no errors)
     * @param findings   every problem, at its source
     * @param structural whether the mapping does not fit the sources (missing columns, unreadable files): a
     *                   problem of the mapping file rather than of the data
     * @param rowsRead   data rows read per source
     */
    public record Result(RegistryBatch batch, List<Finding> findings, boolean structural, Map<String, Integer> rowsRead) {

        public boolean hasErrors() {
            return findings.stream().anyMatch(Finding::isError);
        }
    }

    /** Where a record came from. */
    private record Origin(SourceTable table, int line, Mapping.RecordRule rule) {
    }

    private final Mapping mapping;
    private final String siteCode;
    private final Pseudonymiser pseudonymiser;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, SourceTable> tables = new LinkedHashMap<>();
    private PatientIndex patients;

    private Mapper(Mapping mapping, String siteCode, Pseudonymiser pseudonymiser) {
        this.mapping = mapping;
        this.siteCode = siteCode;
        this.pseudonymiser = pseudonymiser;
    }

    /** Maps every source of a mapping for a site. */
    public static Result run(Mapping mapping, String siteCode, Pseudonymiser pseudonymiser) {
        return new Mapper(mapping, siteCode, pseudonymiser).run();
    }

    private Result run() {
        Map<String, Integer> rowsRead = new LinkedHashMap<>();
        Map<String, Set<String>> required = mapping.requiredColumns();
        for (String name : required.keySet()) {
            Mapping.Source source = mapping.sources().get(name);
            try {
                SourceTable t = SourceReader.read(source);
                tables.put(name, t);
                rowsRead.put(source.displayName(), t.rowCount());
            } catch (SourceReader.SourceException e) {
                findings.add(Finding.of(EtlRule.MAPPING, source.displayName(), e.line(), "", "", e.getMessage()));
            }
        }
        checkColumns(required);
        if (hasErrors()) {
            return new Result(RegistryBatch.empty(), List.copyOf(findings), true, rowsRead);
        }
        if (mapping.patients() != null) {
            indexPatients();
        }
        RegistryBatch.Builder batch = new RegistryBatch.Builder();
        Map<RegistryRecord, Long> seq = new IdentityHashMap<>();
        List<Origin> origins = new ArrayList<>();
        for (Mapping.RecordRule rule : mapping.records()) {
            SourceTable table = tables.get(rule.source());
            for (int row = 0; row < table.rowCount(); row++) {
                RegistryRecord record = mapRow(rule, table, row);
                if (record != null) {
                    batch.add(record);
                    origins.add(new Origin(table, table.line(row), rule));
                    seq.put(record, (long) origins.size());
                }
            }
        }
        RegistryBatch built = batch.build();
        if (!hasErrors()) {
            for (Problem p : new BatchValidator().withoutRecordRules().validate(built,
                    RowIndex.byIdentity(new IdentityHashMap<>(seq))).problems()) {
                Origin o = p.row() > 0 && p.row() <= origins.size() ? origins.get((int) p.row() - 1) : null;
                Finding f = Finding.of(p);
                findings.add(o == null ? f : f.at(o.table().display(), o.line(), label(o.table(), o.rule(), p.field())));
            }
        }
        return new Result(built, List.copyOf(findings), false, rowsRead);
    }

    private boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    private void checkColumns(Map<String, Set<String>> required) {
        for (Map.Entry<String, Set<String>> e : required.entrySet()) {
            SourceTable t = tables.get(e.getKey());
            if (t == null) {
                continue;
            }
            Mapping.Source source = mapping.sources().get(e.getKey());
            for (String column : e.getValue()) {
                if (t.isAmbiguous(column)) {
                    findings.add(Finding.of(EtlRule.MAPPING, t.display(), 0, column, "", "Several columns are named \""
                            + column + "\"; rename them in the export or use header_rows to tell them apart."));
                } else if (!t.hasColumn(column)) {
                    findings.add(Finding.of(EtlRule.MAPPING, t.display(), 0, column, "", "The mapping names column \""
                            + column + "\" (source " + e.getKey() + "), which is not in the header; the columns are "
                            + t.distinctHeaders() + "."));
                }
            }
            for (String h : t.distinctHeaders()) {
                if (!e.getValue().contains(h) && !source.drop().contains(h) && !source.ignoreUnlistedColumns()) {
                    findings.add(Finding.of(EtlRule.UNLISTED_COLUMN, t.display(), 0, h, "", "Column \"" + h
                            + "\" is not used by the mapping: add it to sources." + e.getKey()
                            + ".drop (its values are then never read), or map it."));
                }
            }
            for (String d : source.drop()) {
                if (e.getValue().contains(d)) {
                    findings.add(Finding.of(EtlRule.MAPPING, t.display(), 0, d, "", "Column \"" + d
                            + "\" is listed under drop but also used by the mapping."));
                }
            }
        }
    }

    private void indexPatients() {
        Mapping.Patients p = mapping.patients();
        patients = PatientIndex.build(p, tables.get(p.source()), mapping.sources().get(p.source()), findings);
    }

    // -------------------------------------------------------------------------------------------- rows

    private RegistryRecord mapRow(Mapping.RecordRule rule, SourceTable t, int row) {
        Mapping.Source source = mapping.sources().get(rule.source());
        int line = t.line(row);
        int before = findings.size();
        int idCol = t.column(rule.patientIdColumn()).orElseThrow();
        String id = t.cell(row, idCol);
        if (id.isEmpty()) {
            error(EtlRule.UNKNOWN_PATIENT_ID, t, line, t.columnLabel(idCol), "", "The local patient identifier is empty.");
            return null;
        }
        PatientIndex.Dates dates = patients == null ? null : patients.get(id);
        if (mapping.patients() != null && dates == null) {
            error(EtlRule.UNKNOWN_PATIENT_ID, t, line, t.columnLabel(idCol), "",
                    "This local patient identifier is not in the patient source (" + mapping.patients().source()
                            + "), so no diagnosis date is known for it.");
            return null;
        }
        FieldValues values = new FieldValues();
        values.put("site_code", siteCode);
        values.put("patient_pseudonym", pseudonymiser.patientPseudonym(id));
        Map<String, String> columnOf = new HashMap<>();
        Map<String, String> sourceText = new HashMap<>();
        boolean incomplete = false;
        for (Mapping.FieldRule f : rule.fields()) {
            String name = f.field().name();
            Integer col = f.column() == null ? null : t.column(f.column()).orElseThrow();
            String label = col == null ? name : t.columnLabel(col);
            columnOf.put(name, label);
            if (col != null) {
                sourceText.put(name, t.cell(row, col));
            }
            Object value;
            switch (f.kind()) {
                case VALUE -> value = f.constant();
                case DIAGNOSIS_YEAR -> value = dates != null && dates.diagnosisBad() ? Unparseable.INSTANCE
                        : dates == null || dates.diagnosis() == null ? null : dates.diagnosis().getYear();
                case AGE_AT_DIAGNOSIS -> value = age(dates, t, line, label);
                case TEMPLATE -> value = template(f, values, t, line, label);
                default -> value = column(f, source, t, row, col, dates, label);
            }
            if (value == Unparseable.INSTANCE) {
                values.markUnparseable(name);
                incomplete = true;
            } else {
                values.put(name, value);
            }
        }
        for (Problem p : RecordRules.check(rule.type(), values)) {
            findings.add(atSource(Finding.of(p), t.display(), line, columnOf.getOrDefault(p.field(), p.field()),
                    sourceText.get(p.field())));
        }
        // a value that could not be read was reported, here or (a date) at the patient source
        if (incomplete || findings.subList(before, findings.size()).stream().anyMatch(Finding::isError)) {
            return null;
        }
        try {
            return rule.type().create(values);
        } catch (InvalidRecordException e) {
            error(EtlRule.UNPARSEABLE, t, line, "", "", "The row does not make a valid record: " + e.getMessage());
            return null;
        }
    }

    /** Marks a field whose source value was reported as unreadable. */
    private enum Unparseable { INSTANCE }

    private Object column(Mapping.FieldRule f, Mapping.Source s, SourceTable t, int row, int col, PatientIndex.Dates dates,
            String label) {
        String text = t.cell(row, col);
        int line = t.line(row);
        if (text.isEmpty()) {
            return null;
        }
        FieldSpec<?> field = f.field();
        if (f.daysFromDiagnosis()) {
            ValueParser.Result<LocalDate> d = ValueParser.date(text, s.dateFormats(), s.excelSerialDates(),
                    s.decimalSeparator());
            if (!d.ok()) {
                return unparseable(t, line, label, text, d.error() + ".");
            }
            if (dates != null && dates.diagnosisBad()) {
                return Unparseable.INSTANCE; // the diagnosis date was reported at the patient source
            }
            if (dates == null || dates.diagnosis() == null) {
                return unparseable(t, line, label, text, "No diagnosis date is known for this patient, so the date "
                        + "cannot become a day offset.");
            }
            return Math.toIntExact(ChronoUnit.DAYS.between(dates.diagnosis(), d.value()));
        }
        if (f.codes() != null) {
            if (field.type() == FieldType.CODES) {
                Set<String> codes = new java.util.LinkedHashSet<>();
                for (String part : text.split(Pattern.quote(f.split()), -1)) {
                    String code = lookup(f, SourceTable.strip(part));
                    if (code == null) {
                        return unmapped(f, t, line, label, SourceTable.strip(part), text);
                    }
                    if (!code.isEmpty()) {
                        codes.add(code);
                    }
                }
                return codes.isEmpty() ? null : parsed(field, String.join(FieldText.CODE_SEPARATOR, codes), t, line, label, text);
            }
            String code = lookup(f, text);
            if (code == null) {
                return unmapped(f, t, line, label, text, text);
            }
            return code.isEmpty() ? null : parsed(field, code, t, line, label, text);
        }
        if (field.type() == FieldType.CODES && !f.split().equals(FieldText.CODE_SEPARATOR)) {
            return parsed(field, String.join(FieldText.CODE_SEPARATOR, java.util.Arrays.stream(
                    text.split(Pattern.quote(f.split()), -1)).map(SourceTable::strip).toList()), t, line, label, text);
        }
        if (field.type() == FieldType.INTEGER || field.type() == FieldType.DECIMAL) {
            ValueParser.Result<BigDecimal> n = ValueParser.number(text, s.decimalSeparator(), s.groupingSeparator());
            if (!n.ok()) {
                return unparseable(t, line, label, text, n.error() + ".");
            }
            BigDecimal v = f.factor() == null ? n.value() : n.value().multiply(f.factor());
            if (field.type() == FieldType.DECIMAL) {
                return v.doubleValue();
            }
            if (f.round() != null) {
                v = v.setScale(0, f.round());
            } else if (v.stripTrailingZeros().scale() > 0) {
                return unparseable(t, line, label, text, field.label() + " is a whole number"
                        + (f.factor() == null ? "" : " (after conversion: " + v.stripTrailingZeros().toPlainString() + ")")
                        + "; add round: half_up or round: down to the mapping if rounding is right.");
            }
            if (v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                return unparseable(t, line, label, text, "The number is too large.");
            }
            int i = v.intValueExact();
            return field.aboveMaxRule() == Rule.AGE_CAPPED_AT_90 && i > AGE_CAP - 1 ? AGE_CAP : i;
        }
        return parsed(field, text, t, line, label, text);
    }

    private static String lookup(Mapping.FieldRule f, String local) {
        return f.codes().get(f.ignoreCase() ? local.toLowerCase(Locale.ROOT) : local);
    }

    private Object unmapped(Mapping.FieldRule f, SourceTable t, int line, String label, String local, String text) {
        error(EtlRule.UNMAPPED_CODE, t, line, label, text, "The local code \"" + local + "\" is not in the code table of "
                + f.field().name() + " (" + String.join(", ", f.codes().keySet()) + "); add it to the mapping.");
        return Unparseable.INSTANCE;
    }

    private Object parsed(FieldSpec<?> field, String registryText, SourceTable t, int line, String label, String text) {
        FieldText.Parsed p = FieldText.parse(field, registryText);
        if (!p.isOk()) {
            findings.add(new Finding(p.rule().severity(), t.display(), line, "", label, text, p.rule().id(), p.message()));
            return Unparseable.INSTANCE;
        }
        return p.value();
    }

    private Object age(PatientIndex.Dates dates, SourceTable t, int line, String label) {
        if (dates != null && (dates.diagnosisBad() || dates.birthBad())) {
            return Unparseable.INSTANCE; // already reported at the patient source
        }
        if (dates == null || dates.birth() == null || dates.diagnosis() == null) {
            return null;
        }
        int years = Period.between(dates.birth(), dates.diagnosis()).getYears();
        if (years < 0) {
            return unparseable(t, line, label, "", "The birth date is after the diagnosis date (patient source line "
                    + dates.line() + ").");
        }
        return Math.min(years, AGE_CAP);
    }

    private Object template(Mapping.FieldRule f, FieldValues values, SourceTable t, int line, String label) {
        Matcher m = PLACEHOLDER.matcher(f.template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (values.isUnparseable(name)) {
                return Unparseable.INSTANCE;
            }
            if (!values.has(name)) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(RecordRules.text(values.get(name))));
        }
        m.appendTail(out);
        return parsed(f.field(), out.toString(), t, line, label, out.toString());
    }

    private Object unparseable(SourceTable t, int line, String label, String text, String message) {
        error(EtlRule.UNPARSEABLE, t, line, label, text, message);
        return Unparseable.INSTANCE;
    }

    private void error(EtlRule rule, SourceTable t, int line, String column, String value, String message) {
        findings.add(Finding.of(rule, t.display(), line, column, value, message));
    }

    /** A registry rule's finding at the source: the source cell as value, the converted value in the message. */
    private static Finding atSource(Finding f, String file, int line, String column, String source) {
        if (source == null || source.equals(f.value())) {
            return f.at(file, line, column);
        }
        String message = f.value().isEmpty() ? f.message() : f.message() + " (written as \"" + f.value() + "\")";
        return new Finding(f.severity(), file, line, f.recordKey(), column, source, f.rule(), message);
    }

    private static String label(SourceTable t, Mapping.RecordRule rule, String field) {
        for (Mapping.FieldRule f : rule.fields()) {
            if (f.field().name().equals(field) && f.column() != null) {
                return t.column(f.column()).map(t::columnLabel).orElse(field);
            }
        }
        return field;
    }

    /** The record types of a batch with at least one record (unused types are not written). */
    static Set<RecordType> typesWithRecords(RegistryBatch batch) {
        Set<RecordType> types = EnumSet.noneOf(RecordType.class);
        batch.counts().forEach((t, n) -> {
            if (n > 0) {
                types.add(t);
            }
        });
        return types;
    }
}
