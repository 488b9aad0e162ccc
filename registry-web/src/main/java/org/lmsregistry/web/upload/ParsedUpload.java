package org.lmsregistry.web.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lmsregistry.model.interchange.RecordSink;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.web.application.PayloadTooLargeException;

/**
 * What the streaming readers found in an upload: the accepted records (with their rows), every
 * problem, and the rows that name another site than the upload's (refused as a whole, 403). Memory
 * grows with the number of records (parsed, compact objects), never with the size of the body; the
 * number of records is capped ({@code lms.upload.max-records}).
 */
public final class ParsedUpload implements RecordSink {

    /** A row that names another site. */
    public record ForeignRow(RecordType type, long row, String siteCode) {
    }

    private final String siteCode;
    private final long maxRecords;
    private final RegistryBatch.Builder batch = new RegistryBatch.Builder();
    private final IdentityHashMap<RegistryRecord, Long> rows = new IdentityHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<ForeignRow> foreignRows = new ArrayList<>();
    private final Map<RecordType, Integer> received = new EnumMap<>(RecordType.class);
    private final Set<String> pseudonyms = new LinkedHashSet<>();
    private long records;
    private RegistryBatch built;

    public ParsedUpload(String siteCode, long maxRecords) {
        this.siteCode = siteCode;
        this.maxRecords = maxRecords;
    }

    @Override
    public void record(RegistryRecord record, long row) {
        RecordType type = RecordType.of(record);
        received.merge(type, 1, Integer::sum);
        if (++records > maxRecords) {
            throw new PayloadTooLargeException("The upload has more than " + maxRecords
                    + " records (lms.upload.max-records); split it into several batches.");
        }
        if (!siteCode.equals(record.siteCode())) {
            if (foreignRows.size() < 1_000) {
                foreignRows.add(new ForeignRow(type, row, record.siteCode()));
            }
            return;
        }
        pseudonyms.add(record.patientPseudonym());
        batch.add(record);
        rows.put(record, row);
    }

    @Override
    public void problem(Problem problem) {
        problems.add(problem);
    }

    public RegistryBatch batch() {
        if (built == null) {
            built = batch.build();
        }
        return built;
    }

    public IdentityHashMap<RegistryRecord, Long> rows() {
        return rows;
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public List<ForeignRow> foreignRows() {
        return Collections.unmodifiableList(foreignRows);
    }

    /** Records read per type (rows with errors not counted). */
    public Map<RecordType, Integer> received() {
        return Collections.unmodifiableMap(received);
    }

    public long recordCount() {
        return records;
    }

    /** The distinct pseudonyms of the batch. */
    public List<String> pseudonyms() {
        return new ArrayList<>(pseudonyms);
    }
}
