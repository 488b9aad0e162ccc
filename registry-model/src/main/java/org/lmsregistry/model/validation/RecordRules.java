package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;

/**
 * The rules that one record can be checked against on its own: every field's required flag, format,
 * range and identifier screen (from its {@link FieldSpec}), and the cross-field rules of its type.
 * Record constructors enforce the errors; validators report errors and warnings.
 */
public final class RecordRules {

    /** Longest free text accepted. */
    public static final int MAX_TEXT_LENGTH = 2000;

    /** Field-type patterns, compiled once: every record constructor runs these rules. */
    private static final Map<FieldType, Pattern> PATTERNS = new EnumMap<>(FieldType.class);

    /** Natural-key field names per record type, computed once. */
    private static final Map<RecordType, List<String>> KEY_FIELDS = new EnumMap<>(RecordType.class);

    static {
        for (FieldType t : FieldType.values()) {
            if (t.pattern() != null) {
                PATTERNS.put(t, Pattern.compile(t.pattern()));
            }
        }
        for (RecordType t : RecordType.values()) {
            KEY_FIELDS.put(t, t.keyFields());
        }
    }

    private RecordRules() {
    }

    /** Every problem of one record's values, errors and warnings, in field order. */
    public static List<Problem> check(RecordType type, FieldValues v) {
        List<Problem> problems = new ArrayList<>();
        // the key is only built when there is a problem: most records have none
        String[] key = new String[1];
        Sink sink = (field, value, rule, message) -> {
            if (key[0] == null) {
                key[0] = naturalKey(type, v);
            }
            problems.add(new Problem(type, 0, key[0], field, text(value), rule, message));
        };
        for (FieldSpec<?> f : type.fields()) {
            checkField(f, v, sink);
        }
        switch (type) {
            case TUMOUR -> checkTumour(v, sink);
            case BIOPSY -> checkBiopsy(v, sink);
            case IMAGING_STUDY -> checkImagingStudy(v, sink);
            case IMAGING_FEATURES -> checkImagingFeatures(v, sink);
            case TREATMENT -> checkTreatment(v, sink);
            case OUTCOME_EVENT -> checkOutcomeEvent(v, sink);
            default -> {
                // patients and radiomics values have no cross-field rules
            }
        }
        return problems;
    }

    /** The natural key of a record's values as text, e.g. {@code SITE/pseudonym/studyId}. */
    public static String naturalKey(RecordType type, FieldValues v) {
        return KEY_FIELDS.get(type).stream().map(k -> v.has(k) ? text(v.get(k)) : "?").collect(Collectors.joining("/"));
    }

    /** A value as it is written in the interchange format. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof CodeList c) {
            return c.code();
        }
        if (value instanceof Collection<?> codes) {
            return codes.stream().map(RecordRules::text).collect(Collectors.joining(";"));
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return String.valueOf(value);
    }

    @FunctionalInterface
    private interface Sink {
        void add(String field, Object value, Rule rule, String message);
    }

    private static void checkField(FieldSpec<?> f, FieldValues v, Sink sink) {
        String name = f.name();
        if (!v.has(name)) {
            if (f.isRequired() && !v.isUnparseable(name)) {
                sink.add(name, null, Rule.REQUIRED, f.label() + " is required.");
            }
            return;
        }
        Object value = v.get(name);
        Pattern pattern = PATTERNS.get(f.type());
        if (pattern != null && !pattern.matcher((String) value).matches()) {
            sink.add(name, value, Rule.FORMAT, f.label() + " must match " + formatDescription(f.type()) + ".");
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                sink.add(name, value, Rule.TYPE, f.label() + " must be a finite number.");
            } else if (f.min() != null && d < f.min()) {
                sink.add(name, value, Rule.RANGE, f.label() + " must be between " + bound(f.min()) + " and "
                        + bound(f.max()) + unit(f) + ".");
            } else if (f.max() != null && d > f.max()) {
                String message = f.aboveMaxRule() == Rule.AGE_CAPPED_AT_90
                        ? "Ages above 89 are stored as 90: enter 90 instead of " + text(value) + "."
                        : f.label() + " must be between " + bound(f.min()) + " and " + bound(f.max()) + unit(f) + ".";
                sink.add(name, value, f.aboveMaxRule(), message);
            }
        }
        if (f.type() == FieldType.TEXT) {
            String s = (String) value;
            if (s.length() > MAX_TEXT_LENGTH) {
                sink.add(name, s.substring(0, 40) + "...", Rule.RANGE,
                        f.label() + " must be at most " + MAX_TEXT_LENGTH + " characters, was " + s.length() + ".");
            }
            IdentifierScreen.find(s).ifPresent(found -> sink.add(name, found.match(), Rule.IDENTIFIER_REFUSED,
                    f.label() + " looks like it contains a " + found.kind() + " (\"" + found.match()
                            + "\"); remove identifiers and dates, use day offsets from diagnosis."));
        }
    }

    private static String formatDescription(FieldType type) {
        return switch (type) {
            case SITE_CODE -> "2-12 upper-case letters or digits starting with a letter";
            case PSEUDONYM -> "64 lower-case hexadecimal characters (the keyed HMAC-SHA256 pseudonym)";
            case HASH -> "64 lower-case hexadecimal characters";
            case KEY -> "1-64 letters, digits, '_', '-' or '.'";
            case NAME -> "a name of letters, digits, '_' and '.' starting with a letter";
            default -> type.pattern();
        };
    }

    private static String bound(Double d) {
        return d == null ? "" : text(d);
    }

    private static String unit(FieldSpec<?> f) {
        return f.unit() == null ? "" : " " + f.unit();
    }

    private static void requireWhen(FieldValues v, String field, boolean condition, String why, Sink sink) {
        if (condition && !v.has(field) && !v.isUnparseable(field)) {
            sink.add(field, null, Rule.CONDITIONAL_REQUIRED, field + " is required " + why + ".");
        }
    }

    private static void forbidWhen(FieldValues v, String field, boolean condition, String why, Sink sink) {
        if (condition && v.has(field)) {
            sink.add(field, v.get(field), Rule.NOT_APPLICABLE, field + " must be empty " + why + ".");
        }
    }

    private static void checkTumour(FieldValues v, Sink sink) {
        Integer differentiation = v.integer("differentiation_score");
        Integer mitoses = v.integer("mitoses_per_10hpf");
        TumourNecrosis necrosis = v.code("necrosis", TumourNecrosis.class);
        FnclccGrade stated = v.code("fnclcc_grade", FnclccGrade.class);
        boolean anyUnparseable = v.isUnparseable("differentiation_score") || v.isUnparseable("mitoses_per_10hpf")
                || v.isUnparseable("necrosis") || v.isUnparseable("fnclcc_grade");
        boolean complete = differentiation != null && mitoses != null && necrosis != null;
        if (!complete && stated == null && !anyUnparseable) {
            sink.add("fnclcc_grade", null, Rule.FNCLCC_INCOMPLETE,
                    "Give differentiation score, mitoses per 10 HPF and necrosis, or the stated FNCLCC grade.");
        }
        if (complete && stated != null && differentiation >= 1 && differentiation <= 3 && mitoses >= 0) {
            FnclccGrade derived = FnclccGrade.derive(differentiation, mitoses, necrosis);
            if (derived != stated) {
                int total = FnclccGrade.totalScore(differentiation, mitoses, necrosis);
                sink.add("fnclcc_grade", stated, Rule.FNCLCC_GRADE_MISMATCH, String.format(Locale.ROOT,
                        "Components give total score %d (differentiation %d + mitotic score %d + necrosis %d) = %s, "
                                + "but the stated grade is %s.",
                        total, differentiation, FnclccGrade.mitoticScore(mitoses), necrosis.score(), derived.code(),
                        stated.code()));
            }
        }
    }

    private static void checkBiopsy(FieldValues v, Sink sink) {
        BiopsyApproach approach = v.code("approach", BiopsyApproach.class);
        if (approach != null) {
            boolean open = approach == BiopsyApproach.OPEN_INCISIONAL;
            requireWhen(v, "needle_gauge", !open, "for a needle biopsy (approach " + approach.code() + ")", sink);
            forbidWhen(v, "needle_gauge", open, "for an open incisional biopsy", sink);
        }
        Integer gauge = v.integer("needle_gauge");
        if (gauge != null && gauge > 16 && gauge <= 27) {
            sink.add("needle_gauge", gauge, Rule.NEEDLE_FINER_THAN_16G,
                    "A needle of " + gauge + "G is finer than the 16G the guidelines recommend for core biopsy.");
        }
    }

    private static void checkImagingStudy(FieldValues v, Sink sink) {
        StudyPurpose purpose = v.code("purpose", StudyPurpose.class);
        SurveillanceResult result = v.code("result", SurveillanceResult.class);
        if (purpose != null) {
            boolean surveillance = purpose == StudyPurpose.SURVEILLANCE;
            requireWhen(v, "result", surveillance, "for a surveillance study", sink);
            String notSurveillance = "for a study whose purpose is " + (purpose == null ? "" : purpose.code());
            for (String field : List.of("result", "finding_confirmed", "confirmation_method", "finding_locations")) {
                forbidWhen(v, field, !surveillance, notSurveillance, sink);
            }
        }
        if (result != null) {
            boolean finding = result != SurveillanceResult.NO_EVIDENCE_OF_DISEASE;
            requireWhen(v, "finding_confirmed", finding, "when the result is " + result.code(), sink);
            String noFinding = "when the result is " + result.code();
            forbidWhen(v, "finding_confirmed", !finding, noFinding, sink);
            forbidWhen(v, "confirmation_method", !finding, noFinding, sink);
            requireWhen(v, "finding_locations", result.findsDistant(), "when a distant metastasis is reported", sink);
            forbidWhen(v, "finding_locations", !finding || result == SurveillanceResult.LOCAL_RECURRENCE,
                    "when the result is " + result.code() + " (locations are those of distant findings)", sink);
        }
        Boolean confirmed = v.bool("finding_confirmed");
        requireWhen(v, "confirmation_method", Boolean.TRUE.equals(confirmed), "when the finding was confirmed", sink);
        forbidWhen(v, "confirmation_method", Boolean.FALSE.equals(confirmed), "when the finding was not confirmed",
                sink);
    }

    private static void checkImagingFeatures(FieldValues v, Sink sink) {
        Boolean necrosis = v.bool("necrosis_present");
        requireWhen(v, "necrosis_percent", Boolean.TRUE.equals(necrosis), "when necrosis is present", sink);
        forbidWhen(v, "necrosis_percent", Boolean.FALSE.equals(necrosis), "when necrosis is absent", sink);
    }

    private static void checkTreatment(FieldValues v, Sink sink) {
        TreatmentKind kind = v.code("kind", TreatmentKind.class);
        if (kind != null) {
            requireWhen(v, "surgical_margin", kind == TreatmentKind.SURGERY, "for surgery", sink);
            forbidWhen(v, "surgical_margin", kind != TreatmentKind.SURGERY, "for " + kind.code(), sink);
        }
    }

    private static void checkOutcomeEvent(FieldValues v, Sink sink) {
        OutcomeKind kind = v.code("kind", OutcomeKind.class);
        if (kind == null) {
            return;
        }
        String forKind = "for " + kind.code();
        requireWhen(v, "locations", kind == OutcomeKind.DISTANT_METASTASIS, forKind, sink);
        forbidWhen(v, "locations", kind != OutcomeKind.DISTANT_METASTASIS, forKind, sink);
        requireWhen(v, "cause_of_death", kind == OutcomeKind.DEATH, forKind, sink);
        forbidWhen(v, "cause_of_death", kind != OutcomeKind.DEATH, forKind, sink);
        boolean recurrence = kind == OutcomeKind.LOCAL_RECURRENCE || kind == OutcomeKind.DISTANT_METASTASIS;
        forbidWhen(v, "detected_by_study_id", !recurrence, forKind, sink);
    }
}
