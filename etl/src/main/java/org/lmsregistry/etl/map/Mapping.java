package org.lmsregistry.etl.map;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.model.interchange.FieldText;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;

/**
 * A checked mapping: every setting of the mapping file resolved against the registry's record types,
 * fields, code lists and units, so that running it can only meet problems of the data. All problems
 * of the file are reported at once.
 */
public final class Mapping {

    /** Fields the ETL always fills in itself. */
    static final Set<String> AUTOMATIC = Set.of("site_code", "patient_pseudonym");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** How to read one export. */
    public record Source(String name, Path path, String displayName, boolean xlsx, Charset charset, char delimiter,
            char quote, String sheet, int skipRows, int headerRows, char decimalSeparator, Character groupingSeparator,
            List<DateTimeFormatter> dateFormats, boolean excelSerialDates, List<String> missingValues,
            List<String> drop, boolean ignoreUnlistedColumns) {

        Source withDisplay(String display) {
            return new Source(name, path, display, xlsx, charset, delimiter, quote, sheet, skipRows, headerRows,
                    decimalSeparator, groupingSeparator, dateFormats, excelSerialDates, missingValues, drop,
                    ignoreUnlistedColumns);
        }
    }

    /** Where patients' identifiers and dates are. */
    public record Patients(String source, String idColumn, String diagnosisDateColumn, String birthDateColumn) {
    }

    /** How one field is made. */
    public enum Kind { COLUMN, VALUE, TEMPLATE, AGE_AT_DIAGNOSIS, DIAGNOSIS_YEAR }

    /** One field of a record rule. */
    public record FieldRule(FieldSpec<?> field, Kind kind, String column, Object constant, String template,
            boolean daysFromDiagnosis, Map<String, String> codes, boolean ignoreCase, String split, BigDecimal factor,
            RoundingMode round) {
    }

    /** One registry file from one source. */
    public record RecordRule(RecordType type, String source, String patientIdColumn, List<FieldRule> fields) {
    }

    private final Map<String, Source> sources;
    private final Patients patients;
    private final List<RecordRule> records;

    private Mapping(Map<String, Source> sources, Patients patients, List<RecordRule> records) {
        this.sources = sources;
        this.patients = patients;
        this.records = records;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    public Patients patients() {
        return patients;
    }

    public List<RecordRule> records() {
        return records;
    }

    /** The record types this mapping writes, in registry order. */
    public Set<RecordType> types() {
        Set<RecordType> types = new java.util.TreeSet<>();
        records.forEach(r -> types.add(r.type()));
        return types;
    }

    /**
     * Checks a mapping file's settings and resolves them.
     *
     * @param spec the file as read
     * @param file the mapping file (source paths are relative to its folder)
     * @throws EtlException (usage) listing every problem of the file
     */
    public static Mapping compile(MappingSpec spec, Path file) {
        List<String> errors = new ArrayList<>();
        if (spec.version() == null || spec.version() != 1) {
            errors.add("version: must be 1, was " + spec.version() + ".");
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Source> sources = new LinkedHashMap<>();
        if (spec.sourcesOrEmpty().isEmpty()) {
            errors.add("sources: at least one source is needed.");
        }
        spec.sourcesOrEmpty().forEach((name, s) -> {
            Source source = source(name, s, dir, errors);
            if (source != null) {
                sources.put(name, source);
            }
        });
        Patients patients = null;
        if (spec.patients() != null) {
            MappingSpec.Patients p = spec.patients();
            if (p.source() == null || !spec.sourcesOrEmpty().containsKey(p.source())) {
                errors.add("patients.source: must name one of the sources " + spec.sourcesOrEmpty().keySet() + ", was "
                        + p.source() + ".");
            }
            if (p.idColumn() == null || p.idColumn().isBlank()) {
                errors.add("patients.id_column: the column of the local patient identifier is required.");
            }
            patients = new Patients(p.source(), header(p.idColumn()), header(p.diagnosisDateColumn()),
                    header(p.birthDateColumn()));
        }
        List<RecordRule> records = new ArrayList<>();
        if (spec.records() == null || spec.records().isEmpty()) {
            errors.add("records: at least one registry file to write is needed.");
        } else {
            for (int i = 0; i < spec.records().size(); i++) {
                RecordRule r = record("records[" + i + "]", spec.records().get(i), spec, patients, errors);
                if (r != null) {
                    records.add(r);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw EtlException.usage(file + " is not a valid mapping:\n  - " + String.join("\n  - ", errors));
        }
        return new Mapping(sources, patients, records);
    }

    private static String header(String s) {
        return s == null ? null : SourceTable.normaliseHeader(s);
    }

    private static Source source(String name, MappingSpec.Source s, Path dir, List<String> errors) {
        String where = "sources." + name;
        if (s == null || s.file() == null || s.file().isBlank()) {
            errors.add(where + ".file: the export file is required.");
            return null;
        }
        String ext = s.file().toLowerCase(Locale.ROOT);
        String format = s.format() != null ? s.format().toLowerCase(Locale.ROOT)
                : ext.endsWith(".xlsx") || ext.endsWith(".xls") ? "xlsx" : "csv";
        if (!format.equals("csv") && !format.equals("xlsx")) {
            errors.add(where + ".format: csv or xlsx, was \"" + s.format() + "\".");
        }
        boolean xlsx = format.equals("xlsx");
        Charset charset = StandardCharsets.UTF_8;
        if (s.encoding() != null) {
            try {
                charset = Charset.forName(s.encoding());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                errors.add(where + ".encoding: unknown character set \"" + s.encoding() + "\" (e.g. UTF-8, windows-1252, "
                        + "ISO-8859-1, UTF-16).");
            }
        }
        char delimiter = oneChar(s.delimiter(), ',', where + ".delimiter", errors);
        char quote = oneChar(s.quote(), '"', where + ".quote", errors);
        if (xlsx && (s.delimiter() != null || s.encoding() != null || s.quote() != null)) {
            errors.add(where + ": delimiter, quote and encoding are for CSV sources only.");
        }
        if (!xlsx && s.sheet() != null) {
            errors.add(where + ".sheet: only XLSX sources have sheets.");
        }
        char decimal = oneChar(s.decimalSeparator(), '.', where + ".decimal_separator", errors);
        if (decimal != '.' && decimal != ',') {
            errors.add(where + ".decimal_separator: \".\" or \",\", was \"" + s.decimalSeparator() + "\".");
        }
        Character grouping = null;
        if (s.groupingSeparator() != null) {
            grouping = oneChar(s.groupingSeparator(), ' ', where + ".grouping_separator", errors);
            if (grouping == decimal || ".,' ’".indexOf(grouping) < 0) {
                errors.add(where + ".grouping_separator: one of . , ' or a space, and not the decimal separator.");
            }
        }
        List<DateTimeFormatter> formats = new ArrayList<>();
        for (String p : s.dateFormats() == null ? List.<String>of() : s.dateFormats()) {
            try {
                // strict resolving needs the proleptic year 'u' instead of the year-of-era 'y'
                formats.add(DateTimeFormatter.ofPattern(p.replace('y', 'u'), Locale.ENGLISH)
                        .withResolverStyle(ResolverStyle.STRICT));
            } catch (IllegalArgumentException e) {
                errors.add(where + ".date_formats: \"" + p + "\" is not a date pattern (" + e.getMessage() + ").");
            }
        }
        int skip = s.skipRows() == null ? 0 : s.skipRows();
        int headerRows = s.headerRows() == null ? 1 : s.headerRows();
        if (skip < 0 || headerRows < 1 || headerRows > 5) {
            errors.add(where + ": skip_rows must be 0 or more and header_rows 1 to 5.");
        }
        List<String> missing = s.missingValues() == null ? List.of() : List.copyOf(s.missingValues());
        List<String> drop = new ArrayList<>();
        (s.drop() == null ? List.<String>of() : s.drop()).forEach(d -> drop.add(SourceTable.normaliseHeader(d)));
        return new Source(name, dir.resolve(s.file()), s.file(), xlsx, charset, delimiter, quote, s.sheet(), skip,
                headerRows, decimal, grouping, List.copyOf(formats), Boolean.TRUE.equals(s.excelSerialDates()), missing,
                List.copyOf(drop), Boolean.TRUE.equals(s.ignoreUnlistedColumns()));
    }

    private static char oneChar(String s, char dflt, String where, List<String> errors) {
        if (s == null) {
            return dflt;
        }
        if (s.equals("\\t") || s.equalsIgnoreCase("tab") || s.equals("\t")) {
            return '\t';
        }
        if (s.length() != 1) {
            errors.add(where + ": one character (or \\t), was \"" + s + "\".");
            return dflt;
        }
        return s.charAt(0);
    }

    private static RecordRule record(String where, MappingSpec.Records r, MappingSpec spec, Patients patients,
            List<String> errors) {
        RecordType type = r.type() == null ? null : RecordType.ofFileName(r.type()).orElse(null);
        if (type == null) {
            StringBuilder names = new StringBuilder();
            for (RecordType t : RecordType.values()) {
                names.append(names.length() == 0 ? "" : ", ").append(t.baseName());
            }
            errors.add(where + ".type: one of " + names + ", was \"" + r.type() + "\".");
            return null;
        }
        where = where + " (" + type.baseName() + ")";
        if (r.source() == null || !spec.sourcesOrEmpty().containsKey(r.source())) {
            errors.add(where + ".source: must name one of the sources " + spec.sourcesOrEmpty().keySet() + ", was "
                    + r.source() + ".");
        }
        String idColumn = header(r.patientIdColumn());
        if (idColumn == null && patients != null && r.source() != null && r.source().equals(patients.source())) {
            idColumn = patients.idColumn();
        }
        if (idColumn == null) {
            errors.add(where + ".patient_id_column: which column holds the local patient identifier?");
        }
        Map<String, MappingSpec.Field> given = r.fields() == null ? Map.of() : r.fields();
        List<FieldRule> fields = new ArrayList<>();
        List<FieldRule> templates = new ArrayList<>();
        for (Map.Entry<String, MappingSpec.Field> e : given.entrySet()) {
            String name = e.getKey();
            FieldSpec<?> f = type.field(name).orElse(null);
            if (f == null) {
                errors.add(where + ".fields." + name + ": not a field of " + type.fileName() + "; the fields are "
                        + type.fields().stream().map(FieldSpec::name).filter(n -> !AUTOMATIC.contains(n)).toList() + ".");
                continue;
            }
            if (AUTOMATIC.contains(name)) {
                errors.add(where + ".fields." + name + ": filled in by etl (site code from the site configuration, "
                        + "pseudonym from the patient identifier); remove it.");
                continue;
            }
            FieldRule rule = field(where + ".fields." + name, f, e.getValue(), type, given.keySet(), patients, errors);
            if (rule != null) {
                (rule.kind() == Kind.TEMPLATE ? templates : fields).add(rule);
            }
        }
        for (FieldSpec<?> f : type.fields()) {
            if (f.isRequired() && !AUTOMATIC.contains(f.name()) && !given.containsKey(f.name())) {
                errors.add(where + ".fields: the required field " + f.name() + " (" + f.label() + ") is not mapped.");
            }
        }
        fields.addAll(templates);
        return new RecordRule(type, r.source(), idColumn, List.copyOf(fields));
    }

    private static FieldRule field(String where, FieldSpec<?> f, MappingSpec.Field m, RecordType type,
            Set<String> mapped, Patients patients, List<String> errors) {
        if (m == null) {
            errors.add(where + ": say how the value is made (column, value, template, ...).");
            return null;
        }
        int sources = (m.column() != null ? 1 : 0) + (m.value() != null ? 1 : 0) + (m.template() != null ? 1 : 0)
                + (Boolean.TRUE.equals(m.ageAtDiagnosis()) ? 1 : 0) + (Boolean.TRUE.equals(m.diagnosisYear()) ? 1 : 0);
        if (sources != 1) {
            errors.add(where + ": give exactly one of column, value, template, age_at_diagnosis and diagnosis_year.");
            return null;
        }
        boolean numeric = f.type() == FieldType.INTEGER || f.type() == FieldType.DECIMAL;
        Kind kind = m.column() != null ? Kind.COLUMN : m.value() != null ? Kind.VALUE : m.template() != null ? Kind.TEMPLATE
                : Boolean.TRUE.equals(m.ageAtDiagnosis()) ? Kind.AGE_AT_DIAGNOSIS : Kind.DIAGNOSIS_YEAR;
        int before = errors.size();
        if (kind != Kind.COLUMN && (m.codes() != null || m.split() != null || m.unit() != null || m.scale() != null
                || m.round() != null || Boolean.TRUE.equals(m.daysFromDiagnosis()) || m.ignoreCase() != null)) {
            errors.add(where + ": codes, split, unit, scale, round, ignore_case and days_from_diagnosis apply to a column.");
        }
        Object constant = null;
        if (kind == Kind.VALUE) {
            FieldText.Parsed p = FieldText.parse(f, m.value());
            if (!p.isOk()) {
                errors.add(where + ".value: " + p.message());
            }
            constant = p.value();
        }
        if ((kind == Kind.AGE_AT_DIAGNOSIS || kind == Kind.DIAGNOSIS_YEAR) && f.type() != FieldType.INTEGER) {
            errors.add(where + ": age_at_diagnosis and diagnosis_year make whole numbers; " + f.name() + " is not one.");
        }
        if (kind == Kind.AGE_AT_DIAGNOSIS && (patients == null || patients.birthDateColumn() == null
                || patients.diagnosisDateColumn() == null)) {
            errors.add(where + ": age_at_diagnosis needs patients.birth_date_column and patients.diagnosis_date_column.");
        }
        boolean days = Boolean.TRUE.equals(m.daysFromDiagnosis());
        if ((kind == Kind.DIAGNOSIS_YEAR || days) && (patients == null || patients.diagnosisDateColumn() == null)) {
            errors.add(where + ": needs patients.diagnosis_date_column (day 0 of every patient).");
        }
        if (days && !"days from diagnosis".equals(f.unit())) {
            errors.add(where + ".days_from_diagnosis: only for day fields; " + f.name() + " is not one.");
        }
        if (kind == Kind.TEMPLATE) {
            if (f.type() != FieldType.KEY && f.type() != FieldType.TEXT) {
                errors.add(where + ".template: only for key fields.");
            }
            Matcher mt = PLACEHOLDER.matcher(m.template());
            while (mt.find()) {
                String ref = mt.group(1);
                if (ref.equals(f.name()) || !mapped.contains(ref) && !AUTOMATIC.contains(ref)) {
                    errors.add(where + ".template: {" + ref + "} must name another mapped field of " + type.fileName() + ".");
                }
            }
        }
        Map<String, String> codes = null;
        boolean ignoreCase = Boolean.TRUE.equals(m.ignoreCase());
        if (m.codes() != null) {
            codes = new LinkedHashMap<>();
            for (Map.Entry<String, String> c : m.codes().entrySet()) {
                String local = SourceTable.strip(c.getKey());
                String key = ignoreCase ? local.toLowerCase(Locale.ROOT) : local;
                String target = c.getValue() == null ? "" : c.getValue().strip();
                if (!target.isEmpty()) {
                    FieldSpec<?> check = f;
                    FieldText.Parsed p = FieldText.parse(check, target);
                    if (!p.isOk() || f.type() == FieldType.CODES && target.contains(FieldText.CODE_SEPARATOR)) {
                        errors.add(where + ".codes: \"" + c.getKey() + "\" maps to \"" + target + "\", which is not "
                                + (f.codeList() != null ? "one of " + FieldText.codes(f) : "a valid " + f.name()) + ".");
                    }
                }
                if (codes.put(key, target) != null) {
                    errors.add(where + ".codes: \"" + c.getKey() + "\" is given twice" + (ignoreCase ? " (ignoring case)" : "")
                            + ".");
                }
            }
        }
        if (m.split() != null && f.type() != FieldType.CODES) {
            errors.add(where + ".split: only for fields holding several codes.");
        }
        BigDecimal factor = null;
        if (m.unit() != null || m.scale() != null) {
            if (!numeric) {
                errors.add(where + ": unit and scale are for number fields.");
            } else if (m.unit() != null && m.scale() != null) {
                errors.add(where + ": give unit or scale, not both.");
            } else if (m.unit() != null) {
                factor = Units.factor(f.unit(), m.unit()).orElse(null);
                if (factor == null) {
                    errors.add(where + ".unit: cannot convert \"" + m.unit() + "\" to " + f.name() + "'s unit "
                            + (f.unit() == null ? "(it has none)" : "\"" + f.unit() + "\"; known: "
                                    + Units.sourceUnits(f.unit())) + ".");
                }
            } else {
                factor = BigDecimal.valueOf(m.scale());
            }
        }
        RoundingMode round = null;
        if (m.round() != null) {
            if (f.type() != FieldType.INTEGER) {
                errors.add(where + ".round: only for whole-number fields.");
            } else if (m.round().equals("half_up")) {
                round = RoundingMode.HALF_UP;
            } else if (m.round().equals("down")) {
                round = RoundingMode.DOWN;
            } else {
                errors.add(where + ".round: half_up or down, was \"" + m.round() + "\".");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new FieldRule(f, kind, header(m.column()), constant, m.template(), days,
                codes == null ? null : java.util.Collections.unmodifiableMap(codes), ignoreCase,
                m.split() == null ? FieldText.CODE_SEPARATOR : m.split(), factor, round);
    }

    /** Every column a source must have for this mapping, with the setting that names it. */
    Map<String, Set<String>> requiredColumns() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (patients != null && patients.source() != null) {
            Set<String> s = out.computeIfAbsent(patients.source(), k -> new LinkedHashSet<>());
            s.add(patients.idColumn());
            if (patients.diagnosisDateColumn() != null) {
                s.add(patients.diagnosisDateColumn());
            }
            if (patients.birthDateColumn() != null) {
                s.add(patients.birthDateColumn());
            }
        }
        for (RecordRule r : records) {
            Set<String> s = out.computeIfAbsent(r.source(), k -> new LinkedHashSet<>());
            s.add(r.patientIdColumn());
            r.fields().stream().filter(f -> f.column() != null).forEach(f -> s.add(f.column()));
        }
        return out;
    }
}
