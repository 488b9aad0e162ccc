package org.lmsregistry.web.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import java.util.function.Function;
import java.util.stream.Collectors;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.validation.SurveillanceGuideline;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.query.DataQueryService;
import org.lmsregistry.web.query.DataQueryStatus;
import org.lmsregistry.web.upload.UploadBatch;
import org.lmsregistry.web.upload.UploadService;

/**
 * The coordinator's site at a glance: how complete each form is, the data queries waiting, how
 * well surveillance imaging keeps to the guideline ({@link SurveillanceGuideline}, the same
 * definition as the validator's warning and the Spark job), and the recent uploads.
 */
@Named
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ClinicalRecordService records;

    @Inject
    transient DataQueryService queries;

    @Inject
    transient UploadService uploads;

    /** The share of patients with at least one record of a form. */
    public record Completeness(String form, long patients, long total) implements Serializable {
        public String getPercent() {
            return total == 0 ? "-" : Math.round(100.0 * patients / total) + " %";
        }
    }

    private long patientCount;
    private final List<Completeness> completeness = new ArrayList<>();
    private long openQueries;
    private long answeredQueries;
    private long underSurveillance;
    private long onSchedule;
    private long overdueGaps;
    private List<UploadBatch> recentUploads = List.of();

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        RegistryBatch batch = records.ownSiteRecords();
        patientCount = batch.patients().size();
        for (RecordType t : List.of(RecordType.TUMOUR, RecordType.BIOPSY, RecordType.IMAGING_STUDY,
                RecordType.IMAGING_FEATURES, RecordType.TREATMENT, RecordType.OUTCOME_EVENT)) {
            long with = batch.records(t).stream().map(RegistryRecord::patientPseudonym).distinct().count();
            completeness.add(new Completeness(t.label(), with, patientCount));
        }
        openQueries = queries.list(DataQueryStatus.OPEN, 0, 1).total();
        answeredQueries = queries.list(DataQueryStatus.ANSWERED, 0, 1).total();
        surveillance(batch);
        recentUploads = uploads.list(0, 20);
    }

    /** Patients under surveillance after primary treatment, and those without an overdue gap. */
    private void surveillance(RegistryBatch batch) {
        SurveillanceGuideline guideline = SurveillanceGuideline.standard();
        Map<String, Tumour> tumours = batch.tumours().stream()
                .collect(Collectors.toMap(Tumour::patientPseudonym, Function.identity()));
        Map<String, List<Treatment>> treatments = batch.treatments().stream()
                .collect(Collectors.groupingBy(Treatment::patientPseudonym));
        Map<String, List<ImagingStudy>> studies = batch.imagingStudies().stream()
                .collect(Collectors.groupingBy(ImagingStudy::patientPseudonym));
        Map<String, List<OutcomeEvent>> outcomes = batch.outcomeEvents().stream()
                .collect(Collectors.groupingBy(OutcomeEvent::patientPseudonym));
        for (Patient p : batch.patients()) {
            Tumour tumour = tumours.get(p.patientPseudonym());
            FnclccGrade grade = tumour == null ? null : tumour.grade();
            if (grade == null) {
                continue;
            }
            List<ImagingStudy> own = studies.getOrDefault(p.patientPseudonym(), List.of());
            int end = SurveillanceGuideline.surveillanceEndDay(outcomes.getOrDefault(p.patientPseudonym(), List.of()), own);
            OptionalInt treated = SurveillanceGuideline.primaryTreatmentEndDay(
                    treatments.getOrDefault(p.patientPseudonym(), List.of()), end);
            if (treated.isEmpty()) {
                continue;
            }
            int[] visits = own.stream().filter(s -> s.purpose() == StudyPurpose.SURVEILLANCE && s.day() != null)
                    .mapToInt(ImagingStudy::day).sorted().toArray();
            underSurveillance++;
            int gaps = guideline.overdueGaps(grade, treated.getAsInt(), end, visits).size();
            overdueGaps += gaps;
            if (gaps == 0) {
                onSchedule++;
            }
        }
    }

    public long getPatientCount() {
        return patientCount;
    }

    public List<Completeness> getCompleteness() {
        return completeness;
    }

    public long getOpenQueries() {
        return openQueries;
    }

    public long getAnsweredQueries() {
        return answeredQueries;
    }

    public long getUnderSurveillance() {
        return underSurveillance;
    }

    public long getOnSchedule() {
        return onSchedule;
    }

    public long getOverdueGaps() {
        return overdueGaps;
    }

    public String getAdherence() {
        return underSurveillance == 0 ? "-" : Math.round(100.0 * onSchedule / underSurveillance) + " %";
    }

    public List<UploadBatch> getRecentUploads() {
        return recentUploads;
    }

}
