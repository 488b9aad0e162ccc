package org.lmsregistry.model.record;

import java.util.List;
import java.util.Set;

import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.validation.Invariants;

/**
 * An outcome: local recurrence, distant metastasis (with its locations), death or last follow-up,
 * with the imaging study that first detected it when there is one.
 */
public record OutcomeEvent(String siteCode, String patientPseudonym, String eventId, OutcomeKind kind, Integer day,
        Set<FindingLocation> locations, String detectedByStudyId, CauseOfDeath causeOfDeath)
        implements RegistryRecord {

    public static final List<FieldSpec<OutcomeEvent>> FIELDS = List.of(
            FieldSpec.<OutcomeEvent>of("site_code", "Site code", FieldType.SITE_CODE, OutcomeEvent::siteCode).key(),
            FieldSpec.<OutcomeEvent>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    OutcomeEvent::patientPseudonym).key(),
            FieldSpec.<OutcomeEvent>of("event_id", "Event key", FieldType.KEY, OutcomeEvent::eventId).key(),
            FieldSpec.<OutcomeEvent, OutcomeKind>codes("kind", "Event", FieldType.CODE, OutcomeKind.class,
                    OutcomeEvent::kind).required(),
            FieldSpec.<OutcomeEvent>of("day", "Day of event", FieldType.INTEGER, OutcomeEvent::day)
                    .unit("days from diagnosis").range(0, 36500).required(),
            FieldSpec.<OutcomeEvent, FindingLocation>codes("locations", "Metastasis locations", FieldType.CODES,
                    FindingLocation.class, OutcomeEvent::locations)
                    .notes("Required for distant metastasis, separated by ';'; empty for other events."),
            FieldSpec.<OutcomeEvent>of("detected_by_study_id", "Detected by study", FieldType.KEY,
                    OutcomeEvent::detectedByStudyId)
                    .notes("Key of the imaging study that first detected a recurrence or metastasis, if any."),
            FieldSpec.<OutcomeEvent, CauseOfDeath>codes("cause_of_death", "Cause of death", FieldType.CODE,
                    CauseOfDeath.class, OutcomeEvent::causeOfDeath)
                    .notes("Required for death; empty for other events."));

    public OutcomeEvent(String siteCode, String patientPseudonym, String eventId, OutcomeKind kind, Integer day,
            Set<FindingLocation> locations, String detectedByStudyId, CauseOfDeath causeOfDeath) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.eventId = eventId;
        this.kind = kind;
        this.day = day;
        this.locations = CodeSets.copyOf(locations, FindingLocation.class);
        this.detectedByStudyId = detectedByStudyId;
        this.causeOfDeath = causeOfDeath;
        Invariants.enforce(RecordType.OUTCOME_EVENT, this);
    }

    static OutcomeEvent from(FieldValues v) {
        return new OutcomeEvent(v.text("site_code"), v.text("patient_pseudonym"), v.text("event_id"),
                v.code("kind", OutcomeKind.class), v.integer("day"), v.codes("locations", FindingLocation.class),
                v.text("detected_by_study_id"), v.code("cause_of_death", CauseOfDeath.class));
    }

    public boolean isRecurrence() {
        return kind == OutcomeKind.LOCAL_RECURRENCE || kind == OutcomeKind.DISTANT_METASTASIS;
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + eventId;
    }
}
