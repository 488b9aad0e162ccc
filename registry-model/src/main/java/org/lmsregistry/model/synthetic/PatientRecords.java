package org.lmsregistry.model.synthetic;

import java.util.List;
import java.util.stream.Stream;

import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/**
 * The registry records of one synthetic patient, each list in chronological order (outcome events
 * end with the last follow-up).
 */
public record PatientRecords(Patient patient, Tumour tumour, List<Biopsy> biopsies, List<ImagingStudy> imagingStudies,
        ImagingFeatures imagingFeatures, List<RadiomicsValue> radiomicsValues, List<Treatment> treatments,
        List<OutcomeEvent> outcomeEvents) {

    public PatientRecords {
        biopsies = List.copyOf(biopsies);
        imagingStudies = List.copyOf(imagingStudies);
        radiomicsValues = List.copyOf(radiomicsValues);
        treatments = List.copyOf(treatments);
        outcomeEvents = List.copyOf(outcomeEvents);
    }

    /** Every record, in {@link org.lmsregistry.model.record.RecordType} order. */
    public Stream<RegistryRecord> all() {
        return Stream.of(Stream.<RegistryRecord>of(patient, tumour), biopsies.stream(), imagingStudies.stream(),
                Stream.<RegistryRecord>of(imagingFeatures), radiomicsValues.stream(), treatments.stream(),
                outcomeEvents.stream()).flatMap(s -> s);
    }

    public int size() {
        return 3 + biopsies.size() + imagingStudies.size() + radiomicsValues.size() + treatments.size()
                + outcomeEvents.size();
    }

    /** Adds every record to a batch builder. */
    public RegistryBatch.Builder addTo(RegistryBatch.Builder builder) {
        all().forEach(builder::add);
        return builder;
    }

    /** A batch with this patient's records only. */
    public RegistryBatch toBatch() {
        return addTo(new RegistryBatch.Builder()).build();
    }
}
