package org.lmsregistry.analysis.cohort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which patients an analysis uses, as a JSON document ({@code --cohort cohort.json}; the format is
 * documented with examples in {@code docs/cohort-definition.md}). Every criterion is optional; an empty
 * definition is every patient. Codes are the registry's code names.
 *
 * @param name               a name shown in results and reports
 * @param sites              site codes to include (empty: all)
 * @param locations          primary locations to include ({@code UTERUS}, ...)
 * @param grades             FNCLCC grades to include ({@code G1}, {@code G2}, {@code G3}); a patient whose
 *                           grade is unknown is excluded when grades are given
 * @param sex                {@code FEMALE} and/or {@code MALE}
 * @param diagnosisYears     inclusive range of the year of diagnosis
 * @param ageYears           inclusive range of the age at diagnosis (stored age, 90 for 90 and above)
 * @param minimumFollowUpDays patients alive at their last follow-up before this day are excluded (those who
 *                           died earlier are kept: their follow-up is complete)
 * @param exclusions         patients excluded whatever the criteria above say
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CohortDefinition(String name, List<String> sites, List<String> locations, List<String> grades,
        List<String> sex, Range diagnosisYears, Range ageYears, Integer minimumFollowUpDays, Exclusions exclusions) {

    /** An inclusive range; either end may be open (null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Range(Integer from, Integer to) {
        public boolean contains(int v) {
            return (from == null || v >= from) && (to == null || v <= to);
        }
    }

    /** One patient, by site and pseudonym. */
    public record PatientRef(String site, String pseudonym) {
    }

    /**
     * Exclusions.
     *
     * @param sites                  site codes excluded
     * @param locations              primary locations excluded
     * @param patients               individual patients excluded (e.g. withdrawn consent)
     * @param withoutImagingFeatures exclude patients with no imaging-features record
     * @param withoutSurgery         exclude patients with no recorded surgery
     * @param neoadjuvantTreatment   exclude patients with any neoadjuvant treatment
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exclusions(List<String> sites, List<String> locations, List<PatientRef> patients,
            Boolean withoutImagingFeatures, Boolean withoutSurgery, Boolean neoadjuvantTreatment) {

        public static final Exclusions NONE = new Exclusions(null, null, null, null, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Every patient. */
    public static CohortDefinition all() {
        return new CohortDefinition("all patients", null, null, null, null, null, null, null, null);
    }

    public CohortDefinition {
        name = name == null || name.isBlank() ? "unnamed cohort" : name;
        sites = sites == null ? List.of() : List.copyOf(sites);
        locations = locations == null ? List.of() : List.copyOf(locations);
        grades = grades == null ? List.of() : List.copyOf(grades);
        sex = sex == null ? List.of() : List.copyOf(sex);
        exclusions = exclusions == null ? Exclusions.NONE : exclusions;
    }

    /** Reads and checks a definition file. */
    public static CohortDefinition read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cohort definition " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cohort definition " + file + ": " + e.getMessage());
        }
    }

    /** Parses and checks a definition. */
    public static CohortDefinition parse(String json) {
        CohortDefinition d;
        try {
            d = JSON.readValue(json, CohortDefinition.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid cohort definition: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        if (d == null) {
            throw new IllegalArgumentException("the cohort definition is empty");
        }
        d.check();
        return d;
    }

    /** Checks codes and ranges; throws with every problem found. */
    public void check() {
        List<String> problems = new ArrayList<>();
        codes("locations", locations, PrimaryLocation.class, problems);
        codes("grades", grades, FnclccGrade.class, problems);
        codes("sex", sex, Sex.class, problems);
        codes("exclusions.locations", exclusions.locations() == null ? List.of() : exclusions.locations(),
                PrimaryLocation.class, problems);
        for (String s : sites) {
            if (s == null || !s.matches("^[A-Z][A-Z0-9]{1,11}$")) {
                problems.add("sites: " + s + " is not a site code (2-12 upper-case letters or digits)");
            }
        }
        range("diagnosisYears", diagnosisYears, problems);
        range("ageYears", ageYears, problems);
        if (minimumFollowUpDays != null && minimumFollowUpDays < 0) {
            problems.add("minimumFollowUpDays must be 0 or more, was " + minimumFollowUpDays);
        }
        if (exclusions.patients() != null) {
            for (PatientRef p : exclusions.patients()) {
                if (p == null || p.site() == null || p.pseudonym() == null) {
                    problems.add("exclusions.patients: every entry needs a site and a pseudonym");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static <E extends Enum<E>> void codes(String field, List<String> values, Class<E> type,
            List<String> problems) {
        for (String v : values) {
            boolean known = false;
            for (E e : type.getEnumConstants()) {
                known |= e.name().equals(v);
            }
            if (!known) {
                List<String> allowed = new ArrayList<>();
                for (E e : type.getEnumConstants()) {
                    allowed.add(e.name());
                }
                problems.add(field + ": " + v + " is not one of " + allowed);
            }
        }
    }

    private static void range(String field, Range r, List<String> problems) {
        if (r != null && r.from() != null && r.to() != null && r.from() > r.to()) {
            problems.add(field + ": from " + r.from() + " is after to " + r.to());
        }
    }

    /** The definition as a JSON-ready map (for provenance). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return JSON.convertValue(this, LinkedHashMap.class);
    }
}
