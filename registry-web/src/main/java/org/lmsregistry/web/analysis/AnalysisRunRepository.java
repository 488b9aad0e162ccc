package org.lmsregistry.web.analysis;

import java.util.List;
import java.util.Optional;

public interface AnalysisRunRepository {

    Optional<AnalysisRun> find(long id);

    List<AnalysisRun> findRecent(int offset, int limit);

    void add(AnalysisRun run);

    /** The oldest queued run. */
    Optional<AnalysisRun> nextQueued();

    /**
     * Progress of a running run, never backwards; an update that does not count as a change of the
     * run (no version bump), so it never conflicts with a cancellation.
     */
    void recordProgress(long id, JobProgress.Step step, int percent);

    List<AnalysisRun> findByStatus(AnalysisRunStatus status);

    /** Stores an output file of a run (its content once per distinct SHA-256). */
    void addFile(long runId, AnalysisOutputs.OutputFile file);

    List<AnalysisRunFile> files(long runId);

    Optional<byte[]> fileContent(long runId, String name);
}
