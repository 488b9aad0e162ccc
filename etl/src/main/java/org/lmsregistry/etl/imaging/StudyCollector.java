package org.lmsregistry.etl.imaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lmsregistry.etl.dicom.DicomHeader;

/**
 * Groups file headers into studies, keeping per study only what its registry row needs (a few
 * strings and sets), so memory grows with the number of studies, not of files.
 */
final class StudyCollector {

    /** What is known of one study. */
    static final class Study {
        final String studyInstanceUid;
        final String firstFile;
        final Set<String> patientIds = new TreeSet<>();
        final Set<String> modalities = new TreeSet<>();
        final Set<String> bodyParts = new TreeSet<>();
        final Set<String> dates = new TreeSet<>();
        boolean contrast;
        int files;

        Study(String studyInstanceUid, String firstFile) {
            this.studyInstanceUid = studyInstanceUid;
            this.firstFile = firstFile;
        }
    }

    private final Map<String, Study> studies = new LinkedHashMap<>();

    void add(DicomHeader h, String file) {
        Study s = studies.computeIfAbsent(h.studyInstanceUid(), uid -> new Study(uid, file));
        s.files++;
        s.patientIds.add(h.patientId());
        if (!h.modality().isEmpty()) {
            s.modalities.add(h.modality());
        }
        if (!h.bodyPartExamined().isEmpty()) {
            s.bodyParts.add(h.bodyPartExamined());
        }
        String d = h.studyDate().isEmpty() ? h.bestDate() : h.studyDate();
        if (!d.isEmpty()) {
            s.dates.add(d);
        }
        s.contrast |= h.contrast();
    }

    Iterable<Study> studies() {
        return studies.values();
    }

    int size() {
        return studies.size();
    }
}
