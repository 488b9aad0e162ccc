package org.lmsregistry.web.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.BiopsyGuidance;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.ImagingMargin;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.T2Signal;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.interchange.CsvInterchange;
import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/** Valid batches for a site, and the interchange bodies (JSON, zip of CSV files) that carry them. */
public final class TestBatches {

    private TestBatches() {
    }

    /** One patient with a record of every type; valid on its own. */
    public static List<RegistryRecord> patientFile(String site, String pseudonym) {
        return List.of(
                new Patient(site, pseudonym, Sex.FEMALE, 61, 2019),
                new Tumour(site, pseudonym, PrimaryLocation.UTERUS, TumourDepth.DEEP, 95, 3, 25, TumourNecrosis.HALF_OR_MORE, FnclccGrade.G3,
                        null, "Fascicles with marked atypia."),
                new Biopsy(site, pseudonym, "B1", -10, BiopsyGuidance.US, 14, BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL,
                        true),
                new ImagingStudy(site, pseudonym, "S1", -20, Modality.MRI, StudyPurpose.DIAGNOSIS, BodyRegion.PRIMARY_SITE,
                        true, null, RecordSource.ETL, null, null, null, Set.of()),
                new ImagingStudy(site, pseudonym, "S2", 200, Modality.CT, StudyPurpose.SURVEILLANCE, BodyRegion.CHEST, true,
                        null, RecordSource.ETL, SurveillanceResult.NO_EVIDENCE_OF_DISEASE, null, null, Set.of()),
                new ImagingFeatures(site, pseudonym, "S1", 92, ImagingMargin.IRREGULAR, true, true, 30, true, null,
                        T2Signal.HETEROGENEOUS, 1100.25, false, null, true),
                new RadiomicsValue(site, pseudonym, "S1", "morph_volume", 123456.75),
                new Treatment(site, pseudonym, "T1", TreatmentKind.SURGERY, TreatmentSetting.CURATIVE, 14,
                        SurgicalMargin.R0),
                new OutcomeEvent(site, pseudonym, "E1", OutcomeKind.LAST_FOLLOW_UP, 400, Set.of(), null, null));
    }

    public static RegistryBatch batch(List<? extends RegistryRecord> records) {
        return new RegistryBatch.Builder().addAll(records).build();
    }

    /** The files of {@code count} patients, named {@code label-0}, {@code label-1}, ... */
    public static RegistryBatch patients(String site, String label, int count) {
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        for (int i = 0; i < count; i++) {
            b.addAll(patientFile(site, Pseudonyms.of(label + "-" + i)));
        }
        return b.build();
    }

    public static byte[] json(RegistryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonInterchange.write(batch, out);
        return out.toByteArray();
    }

    public static byte[] csv(RecordType type, List<? extends RegistryRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvInterchange.write(type, records, out);
        return out.toByteArray();
    }

    public static byte[] zip(RegistryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeZip(batch, out);
        return out.toByteArray();
    }

    /** A zip of the batch's CSV files (only the record types it has), written to a file. */
    public static Path zipFile(RegistryBatch batch, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeZip(batch, out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeZip(RegistryBatch batch, OutputStream target) {
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (RecordType t : RecordType.values()) {
                if (!batch.records(t).isEmpty()) {
                    zip.putNextEntry(new ZipEntry(t.fileName()));
                    CsvInterchange.write(t, batch.records(t), zip);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<FindingLocation> none() {
        return EnumSet.noneOf(FindingLocation.class);
    }
}
