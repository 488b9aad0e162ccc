package org.lmsregistry.web.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.model.analysis.AnalysisParameter;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.web.analysis.AnalysisRun;
import org.lmsregistry.web.analysis.AnalysisRunService;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteService;

/**
 * The analysis page: the job, a cohort built from choices (no JSON typing; the JSON the job will
 * get is shown as it changes), the job's parameters, and submit. The request is checked by the
 * same rules as the API ({@code AnalysisRequest}).
 */
@Named
@ViewScoped
public class AnalysisForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A choice in a list: the code sent, the label shown. */
    public record Choice(String code, String label) implements Serializable {
    }

    @Inject
    AnalysisRunService runs;

    @Inject
    SiteService sites;

    private String kind = AnalysisJob.YIELD.job();
    private String cohortName;
    private List<String> siteCodes = new ArrayList<>();
    private List<String> locations = new ArrayList<>();
    private List<String> grades = new ArrayList<>();
    private List<String> sexes = new ArrayList<>();
    private Integer diagnosisYearFrom;
    private Integer diagnosisYearTo;
    private Integer ageFrom;
    private Integer ageTo;
    private Integer minimumFollowUpDays;
    private List<String> excludedSites = new ArrayList<>();
    private List<String> excludedLocations = new ArrayList<>();
    private boolean withoutImagingFeatures;
    private boolean withoutSurgery;
    private boolean neoadjuvantTreatment;

    private Integer minCell = 5;
    private Double confidence;
    private String outcome;
    private Integer horizonDays;
    private String endpoint;
    private String feature;
    private Integer maxYears;
    private Integer sizeCutMm;
    // lists of feature or covariate names, typed as "a, b" (the request check names any wrong one)
    private String features;
    private String continuous;
    private String adjust;
    private String model;
    private String covariates;

    private transient List<Choice> siteChoices;

    public String submit() {
        try {
            AnalysisRun run = runs.request(kind, parametersJson(false), cohortJson(false));
            return "/app/analysis/run.xhtml?faces-redirect=true&id=" + run.id();
        } catch (InvalidInputException e) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
    }

    /** The cohort definition as the job will get it (pretty-printed for the page). */
    public String getCohortJson() {
        return cohortJson(true);
    }

    public String getParametersJson() {
        return parametersJson(true);
    }

    String cohortJson(boolean pretty) {
        JsonObjectBuilder c = Json.createObjectBuilder();
        if (cohortName != null && !cohortName.isBlank()) {
            c.add("name", cohortName.strip());
        }
        list(c, "sites", siteCodes);
        list(c, "locations", locations);
        list(c, "grades", grades);
        list(c, "sex", sexes);
        range(c, "diagnosisYears", diagnosisYearFrom, diagnosisYearTo);
        range(c, "ageYears", ageFrom, ageTo);
        if (minimumFollowUpDays != null) {
            c.add("minimumFollowUpDays", minimumFollowUpDays);
        }
        JsonObjectBuilder ex = Json.createObjectBuilder();
        list(ex, "sites", excludedSites);
        list(ex, "locations", excludedLocations);
        if (withoutImagingFeatures) {
            ex.add("withoutImagingFeatures", true);
        }
        if (withoutSurgery) {
            ex.add("withoutSurgery", true);
        }
        if (neoadjuvantTreatment) {
            ex.add("neoadjuvantTreatment", true);
        }
        JsonObject exclusions = ex.build();
        if (!exclusions.isEmpty()) {
            c.add("exclusions", exclusions);
        }
        return write(c.build(), pretty);
    }

    String parametersJson(boolean pretty) {
        AnalysisJob k = AnalysisJob.ofJob(kind).orElse(AnalysisJob.YIELD);
        JsonObjectBuilder p = Json.createObjectBuilder();
        for (AnalysisParameter parameter : k.parameters()) {
            Object value = switch (parameter) {
                case MIN_CELL -> minCell;
                case CONFIDENCE -> confidence;
                case OUTCOME -> blankToNull(outcome);
                case HORIZON_DAYS -> horizonDays;
                case ENDPOINT -> blankToNull(endpoint);
                case FEATURE -> blankToNull(feature);
                case MAX_YEARS -> maxYears;
                case SIZE_CUT_MM -> sizeCutMm;
                case FEATURES -> names(features);
                case CONTINUOUS -> names(continuous);
                case ADJUST -> names(adjust);
                case MODEL -> names(model);
                case COVARIATES -> names(covariates);
            };
            if (value instanceof List<?> names) {
                JsonArrayBuilder a = Json.createArrayBuilder();
                names.forEach(n -> a.add((String) n));
                p.add(parameter.key(), a);
            } else if (value instanceof Integer i) {
                p.add(parameter.key(), i);
            } else if (value instanceof Double d) {
                p.add(parameter.key(), d);
            } else if (value instanceof String s) {
                p.add(parameter.key(), s);
            }
        }
        return write(p.build(), pretty);
    }

    /** "a, b c" as [a, b, c]; null when nothing is typed. */
    private static List<String> names(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return Arrays.stream(typed.strip().split("[,\\s]+")).filter(n -> !n.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void list(JsonObjectBuilder b, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            values.forEach(a::add);
            b.add(key, a);
        }
    }

    private static void range(JsonObjectBuilder b, String key, Integer from, Integer to) {
        if (from == null && to == null) {
            return;
        }
        JsonObjectBuilder r = Json.createObjectBuilder();
        if (from != null) {
            r.add("from", from);
        }
        if (to != null) {
            r.add("to", to);
        }
        b.add(key, r);
    }

    private static String write(JsonObject o, boolean pretty) {
        if (!pretty) {
            return o.toString();
        }
        StringWriter w = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w).write(o);
        return w.toString().strip();
    }

    public List<Choice> getKinds() {
        return Arrays.stream(AnalysisJob.values()).map(k -> new Choice(k.job(), k.job() + ": " + k.label())).toList();
    }

    public List<Choice> getLocationChoices() {
        return choices(PrimaryLocation.values());
    }

    public List<Choice> getGradeChoices() {
        return choices(FnclccGrade.values());
    }

    public List<Choice> getSexChoices() {
        return choices(Sex.values());
    }

    public List<Choice> getSiteChoices() {
        if (siteChoices == null) {
            siteChoices = sites.list().stream().map((Site s) -> new Choice(s.code(), s.code() + " - " + s.name())).toList();
        }
        return siteChoices;
    }

    public List<String> getOutcomeChoices() {
        return AnalysisParameter.OUTCOME.choices();
    }

    public List<String> getEndpointChoices() {
        return AnalysisParameter.ENDPOINT.choices();
    }

    /** Whether the chosen job takes a parameter (the form shows only those). */
    public boolean takes(String key) {
        return AnalysisJob.ofJob(kind).map(k -> k.parameters().stream().anyMatch(p -> p.key().equals(key)))
                .orElse(false);
    }

    /** Why runs cannot start here (no jar), or null. */
    public String getUnavailableReason() {
        return runs.unavailableReason().orElse(null);
    }

    private static <E extends Enum<E> & CodeList> List<Choice> choices(E[] values) {
        return Arrays.stream(values).map(v -> new Choice(v.name(), v.label())).toList();
    }

    // properties

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getCohortName() {
        return cohortName;
    }

    public void setCohortName(String cohortName) {
        this.cohortName = cohortName;
    }

    public List<String> getSiteCodes() {
        return siteCodes;
    }

    public void setSiteCodes(List<String> siteCodes) {
        this.siteCodes = siteCodes;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public List<String> getGrades() {
        return grades;
    }

    public void setGrades(List<String> grades) {
        this.grades = grades;
    }

    public List<String> getSexes() {
        return sexes;
    }

    public void setSexes(List<String> sexes) {
        this.sexes = sexes;
    }

    public Integer getDiagnosisYearFrom() {
        return diagnosisYearFrom;
    }

    public void setDiagnosisYearFrom(Integer diagnosisYearFrom) {
        this.diagnosisYearFrom = diagnosisYearFrom;
    }

    public Integer getDiagnosisYearTo() {
        return diagnosisYearTo;
    }

    public void setDiagnosisYearTo(Integer diagnosisYearTo) {
        this.diagnosisYearTo = diagnosisYearTo;
    }

    public Integer getAgeFrom() {
        return ageFrom;
    }

    public void setAgeFrom(Integer ageFrom) {
        this.ageFrom = ageFrom;
    }

    public Integer getAgeTo() {
        return ageTo;
    }

    public void setAgeTo(Integer ageTo) {
        this.ageTo = ageTo;
    }

    public Integer getMinimumFollowUpDays() {
        return minimumFollowUpDays;
    }

    public void setMinimumFollowUpDays(Integer minimumFollowUpDays) {
        this.minimumFollowUpDays = minimumFollowUpDays;
    }

    public List<String> getExcludedSites() {
        return excludedSites;
    }

    public void setExcludedSites(List<String> excludedSites) {
        this.excludedSites = excludedSites;
    }

    public List<String> getExcludedLocations() {
        return excludedLocations;
    }

    public void setExcludedLocations(List<String> excludedLocations) {
        this.excludedLocations = excludedLocations;
    }

    public boolean isWithoutImagingFeatures() {
        return withoutImagingFeatures;
    }

    public void setWithoutImagingFeatures(boolean withoutImagingFeatures) {
        this.withoutImagingFeatures = withoutImagingFeatures;
    }

    public boolean isWithoutSurgery() {
        return withoutSurgery;
    }

    public void setWithoutSurgery(boolean withoutSurgery) {
        this.withoutSurgery = withoutSurgery;
    }

    public boolean isNeoadjuvantTreatment() {
        return neoadjuvantTreatment;
    }

    public void setNeoadjuvantTreatment(boolean neoadjuvantTreatment) {
        this.neoadjuvantTreatment = neoadjuvantTreatment;
    }

    public Integer getMinCell() {
        return minCell;
    }

    public void setMinCell(Integer minCell) {
        this.minCell = minCell;
    }

    public Double getConfidence() {
        return confidence;
    }

    public void setConfidence(Double confidence) {
        this.confidence = confidence;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public Integer getHorizonDays() {
        return horizonDays;
    }

    public void setHorizonDays(Integer horizonDays) {
        this.horizonDays = horizonDays;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getFeature() {
        return feature;
    }

    public void setFeature(String feature) {
        this.feature = feature;
    }

    public Integer getMaxYears() {
        return maxYears;
    }

    public void setMaxYears(Integer maxYears) {
        this.maxYears = maxYears;
    }

    public Integer getSizeCutMm() {
        return sizeCutMm;
    }

    public void setSizeCutMm(Integer sizeCutMm) {
        this.sizeCutMm = sizeCutMm;
    }

    public String getFeatures() {
        return features;
    }

    public void setFeatures(String features) {
        this.features = features;
    }

    public String getContinuous() {
        return continuous;
    }

    public void setContinuous(String continuous) {
        this.continuous = continuous;
    }

    public String getAdjust() {
        return adjust;
    }

    public void setAdjust(String adjust) {
        this.adjust = adjust;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getCovariates() {
        return covariates;
    }

    public void setCovariates(String covariates) {
        this.covariates = covariates;
    }
}
