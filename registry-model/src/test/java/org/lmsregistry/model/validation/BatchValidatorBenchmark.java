package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/**
 * Measures {@link BatchValidator} on a synthetic registry: per patient a patient, a tumour, a surgery,
 * {@code studies} surveillance studies (every 90 days) and a last follow-up. Not a unit test (run by
 * hand, see docs/validation-rules.md):
 *
 * <pre>
 * ./mvnw -q -B -pl registry-model test-compile
 * java -Xmx16g -cp registry-model/target/classes:registry-model/target/test-classes \
 *     org.lmsregistry.model.validation.BatchValidatorBenchmark 1000000 10
 * </pre>
 */
public final class BatchValidatorBenchmark {

    private BatchValidatorBenchmark() {
    }

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int studies = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long t0 = System.nanoTime();
        RegistryBatch batch = build(patients, studies);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "built %,d records (%,d patients, %,d studies) in %.1f s%n", batch.size(),
                patients, batch.imagingStudies().size(), (t1 - t0) / 1e9);
        for (int round = 0; round < 2; round++) {
            run("cross-record rules only", new BatchValidator().withoutRecordRules(), batch);
            run("with single-record rules", new BatchValidator(), batch);
        }
    }

    private static void run(String what, BatchValidator validator, RegistryBatch batch) {
        long t0 = System.nanoTime();
        ValidationReport report = validator.validate(batch);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %6.1f s  %,12.0f records/s  %d problems%n", what, s,
                batch.size() / s, report.problems().size());
    }

    static RegistryBatch build(int patients, int studies) {
        String[] ids = new String[studies];
        for (int i = 0; i < studies; i++) {
            ids[i] = ("S" + i).intern();
        }
        List<Patient> ps = new ArrayList<>(patients);
        List<Tumour> ts = new ArrayList<>(patients);
        List<Treatment> tr = new ArrayList<>(patients);
        List<ImagingStudy> ss = new ArrayList<>(patients * studies);
        List<OutcomeEvent> os = new ArrayList<>(patients);
        String site = "SITEA";
        for (int n = 0; n < patients; n++) {
            String p = String.format(Locale.ROOT, "%064x", n);
            ps.add(new Patient(site, p, Sex.FEMALE, 60, 2015));
            boolean high = n % 3 != 0;
            ts.add(new Tumour(site, p, PrimaryLocation.UTERUS, TumourDepth.DEEP, 90, high ? 3 : 1, high ? 25 : 3,
                    high ? TumourNecrosis.HALF_OR_MORE : TumourNecrosis.NONE, high ? FnclccGrade.G3 : FnclccGrade.G1,
                    null, null));
            tr.add(new Treatment(site, p, "T1", TreatmentKind.SURGERY, TreatmentSetting.CURATIVE, 10,
                    SurgicalMargin.R0));
            for (int i = 0; i < studies; i++) {
                ss.add(new ImagingStudy(site, p, ids[i], 100 + 90 * i, i % 2 == 0 ? Modality.MRI : Modality.CT,
                        StudyPurpose.SURVEILLANCE, i % 2 == 0 ? BodyRegion.PRIMARY_SITE : BodyRegion.CHEST, true, null,
                        RecordSource.ETL, SurveillanceResult.NO_EVIDENCE_OF_DISEASE, null, null, null));
            }
            os.add(n % 10 == 0
                    ? new OutcomeEvent(site, p, "E1", OutcomeKind.DEATH, 100 + 90 * studies, null, null,
                            CauseOfDeath.DISEASE)
                    : new OutcomeEvent(site, p, "E1", OutcomeKind.LAST_FOLLOW_UP, 100 + 90 * studies, null, null,
                            null));
        }
        return new RegistryBatch(ps, ts, List.of(), ss, List.of(), List.of(), tr, os);
    }
}
