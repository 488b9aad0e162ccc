package org.lmsregistry.web.analysis;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.model.analysis.AnalysisParameter;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.web.application.InvalidInputException;

/**
 * What a statistician asked for, checked before anything is stored: the kind, the job parameters
 * (white-listed, typed, in range) and the cohort definition (the keys and codes of
 * {@code docs/cohort-definition.md}, codes from the registry model). Every problem is named with
 * its field, value and rule, so a bad request never becomes a run that fails later.
 */
public record AnalysisRequest(AnalysisJob kind, JsonObject parameters, JsonObject cohort) {

    private static final Pattern SITE_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,31}");
    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> COHORT_KEYS = Set.of("name", "sites", "locations", "grades", "sex",
            "diagnosisYears", "ageYears", "minimumFollowUpDays", "exclusions");
    private static final Set<String> EXCLUSION_KEYS = Set.of("sites", "locations", "patients",
            "withoutImagingFeatures", "withoutSurgery", "neoadjuvantTreatment");

    /** Checks a request given as JSON texts (either may be null: no parameters, every patient). */
    public static AnalysisRequest of(String kind, String parametersJson, String cohortJson) {
        List<String> problems = new ArrayList<>();
        AnalysisJob k = AnalysisJob.ofJob(kind == null ? "" : kind).orElse(null);
        if (k == null) {
            problems.add("kind: '" + kind + "' is not one of " + Arrays.stream(AnalysisJob.values())
                    .map(AnalysisJob::job).toList());
        }
        JsonObject parameters = parse("parameters", parametersJson, problems);
        JsonObject cohort = parse("cohort", cohortJson, problems);
        if (k != null && parameters != null) {
            checkParameters(k, parameters, problems);
        }
        if (cohort != null) {
            checkCohort(cohort, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The analysis request is not valid: " + String.join("; ", problems));
        }
        return new AnalysisRequest(k, parameters, cohort);
    }

    /** The job options for the parameters, in the order of {@link AnalysisParameter}. */
    public List<String> jobOptions() {
        List<String> options = new ArrayList<>();
        for (AnalysisParameter p : kind.parameters()) {
            JsonValue v = parameters.get(p.key());
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            options.add(p.option());
            options.add(switch (p.type()) {
                case INTEGER -> Long.toString(((JsonNumber) v).longValueExact());
                case DECIMAL -> ((JsonNumber) v).bigDecimalValue().toPlainString();
                case CHOICE, NAME -> ((JsonString) v).getString();
                case NAMES -> ((JsonArray) v).getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .collect(Collectors.joining(","));
            });
        }
        return options;
    }

    private static JsonObject parse(String field, String json, List<String> problems) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            problems.add(field + ": not a JSON object (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void checkParameters(AnalysisJob kind, JsonObject parameters, List<String> problems) {
        Map<String, AnalysisParameter> accepted = kind.parameters().stream()
                .collect(Collectors.toMap(AnalysisParameter::key, p -> p));
        for (Map.Entry<String, JsonValue> e : parameters.entrySet()) {
            AnalysisParameter p = accepted.get(e.getKey());
            String field = "parameters." + e.getKey();
            if (p == null) {
                problems.add(field + ": not a parameter of " + kind.job() + " (accepted: " + accepted.keySet().stream()
                        .sorted().toList() + ")");
                continue;
            }
            JsonValue v = e.getValue();
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            switch (p.type()) {
                case INTEGER -> {
                    if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.doubleValue() < p.min()
                            || n.doubleValue() > p.max()) {
                        problems.add(field + ": " + v + " is not a whole number from " + (long) p.min() + " to "
                                + (long) p.max());
                    }
                }
                case DECIMAL -> {
                    if (!(v instanceof JsonNumber n) || !(n.doubleValue() > p.min() && n.doubleValue() < p.max())) {
                        problems.add(field + ": " + v + " is not a number between " + p.min() + " and " + p.max());
                    }
                }
                case CHOICE -> {
                    if (!(v instanceof JsonString s) || !p.choices().contains(s.getString())) {
                        problems.add(field + ": " + v + " is not one of " + p.choices());
                    }
                }
                case NAME -> {
                    if (!(v instanceof JsonString s) || !AnalysisParameter.NAME.matcher(s.getString()).matches()) {
                        problems.add(field + ": " + v + " is not a feature name (lower case letters, digits, _)");
                    }
                }
                case NAMES -> {
                    if (!(v instanceof JsonArray a) || a.isEmpty() || !a.stream().allMatch(x -> x instanceof JsonString s
                            && AnalysisParameter.NAME.matcher(s.getString()).matches())) {
                        problems.add(field + ": " + v + " is not a non-empty list of feature names (lower case letters,"
                                + " digits, _)");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static void checkCohort(JsonObject cohort, List<String> problems) {
        unknownKeys("cohort", cohort, COHORT_KEYS, problems);
        if (cohort.containsKey("name") && !(cohort.get("name") instanceof JsonString s && s.getString().length() <= 200)) {
            problems.add("cohort.name: " + cohort.get("name") + " is not a text of at most 200 characters");
        }
        codes("cohort.sites", cohort.get("sites"), null, problems);
        codes("cohort.locations", cohort.get("locations"), names(PrimaryLocation.values()), problems);
        codes("cohort.grades", cohort.get("grades"), names(FnclccGrade.values()), problems);
        codes("cohort.sex", cohort.get("sex"), names(Sex.values()), problems);
        range("cohort.diagnosisYears", cohort.get("diagnosisYears"), 1900, 2200, problems);
        range("cohort.ageYears", cohort.get("ageYears"), 0, 90, problems);
        JsonValue followUp = cohort.get("minimumFollowUpDays");
        if (followUp != null && !(followUp instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0
                && n.longValue() <= 36_500)) {
            problems.add("cohort.minimumFollowUpDays: " + followUp + " is not a whole number of days from 0 to 36500");
        }
        JsonValue exclusions = cohort.get("exclusions");
        if (exclusions == null) {
            return;
        }
        if (!(exclusions instanceof JsonObject ex)) {
            problems.add("cohort.exclusions: " + exclusions + " is not an object");
            return;
        }
        unknownKeys("cohort.exclusions", ex, EXCLUSION_KEYS, problems);
        codes("cohort.exclusions.sites", ex.get("sites"), null, problems);
        codes("cohort.exclusions.locations", ex.get("locations"), names(PrimaryLocation.values()), problems);
        for (String flag : List.of("withoutImagingFeatures", "withoutSurgery", "neoadjuvantTreatment")) {
            JsonValue v = ex.get(flag);
            if (v != null && v != JsonValue.TRUE && v != JsonValue.FALSE) {
                problems.add("cohort.exclusions." + flag + ": " + v + " is not true or false");
            }
        }
        JsonValue patients = ex.get("patients");
        if (patients != null) {
            if (!(patients instanceof JsonArray list)) {
                problems.add("cohort.exclusions.patients: " + patients + " is not a list");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonValue p = list.get(i);
                if (!(p instanceof JsonObject o) || !(o.get("site") instanceof JsonString site)
                        || !SITE_CODE.matcher(site.getString()).matches()
                        || !(o.get("pseudonym") instanceof JsonString pseudonym)
                        || !PSEUDONYM.matcher(pseudonym.getString()).matches() || o.size() != 2) {
                    problems.add("cohort.exclusions.patients[" + i + "]: " + p
                            + " is not {\"site\": site code, \"pseudonym\": 64 hex digits}");
                }
            }
        }
    }

    private static void unknownKeys(String field, JsonObject o, Set<String> known, List<String> problems) {
        o.keySet().stream().filter(key -> !known.contains(key)).sorted().forEach(key -> problems.add(field + "." + key
                + ": not a known key (known: " + known.stream().sorted().toList() + ")"));
    }

    private static void codes(String field, JsonValue v, List<String> allowed, List<String> problems) {
        if (v == null) {
            return;
        }
        if (!(v instanceof JsonArray list) || list.isEmpty()) {
            problems.add(field + ": " + v + " is not a non-empty list of codes");
            return;
        }
        for (JsonValue item : list) {
            String code = item instanceof JsonString s ? s.getString() : item.toString();
            boolean ok = item instanceof JsonString
                    && (allowed == null ? SITE_CODE.matcher(code).matches() : allowed.contains(code));
            if (!ok) {
                problems.add(field + ": " + code + (allowed == null ? " is not a site code" : " is not one of " + allowed));
            }
        }
    }

    private static void range(String field, JsonValue v, int min, int max, List<String> problems) {
        if (v == null) {
            return;
        }
        if (!(v instanceof JsonObject o) || o.isEmpty() || !Set.of("from", "to").containsAll(o.keySet())) {
            problems.add(field + ": " + v + " is not {\"from\": n, \"to\": n} (either may be left out)");
            return;
        }
        Long from = whole(field + ".from", o.get("from"), min, max, problems);
        Long to = whole(field + ".to", o.get("to"), min, max, problems);
        if (from != null && to != null && from > to) {
            problems.add(field + ": from " + from + " is after to " + to);
        }
    }

    private static Long whole(String field, JsonValue v, int min, int max, List<String> problems) {
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= min && n.longValue() <= max) {
            return n.longValue();
        }
        problems.add(field + ": " + v + " is not a whole number from " + min + " to " + max);
        return null;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
