package org.lmsregistry.web.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's side of the runs' record: what the queue and the child processes report, each
 * in its own short transaction (never one held open while Spark works). Not for requests: the
 * callers' rights are checked by {@link AnalysisRunService}.
 */
@ApplicationScoped
public class AnalysisRunJournal {

    /** What the launcher needs to know of a run it took from the queue. */
    public record Claimed(long id, String kind, String parameters, String cohort) {
    }

    @Inject
    AnalysisRunRepository runs;

    /** Takes the oldest queued run and marks it running. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Claimed> claimNext() {
        return runs.nextQueued().map(r -> {
            r.started();
            return new Claimed(r.id(), r.kind(), r.parameters(), r.cohort());
        });
    }

    /**
     * Runs that were running when the server stopped have lost their child processes: they are
     * marked failed (not re-queued: the data may have changed since, and a statistician should
     * decide whether to run them again). Queued runs stay queued and start now.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int interruptRunning() {
        List<AnalysisRun> running = runs.findByStatus(AnalysisRunStatus.RUNNING);
        for (AnalysisRun r : running) {
            r.failed("interrupted: the server stopped while the run was running; request it again",
                    r.log() == null ? "" : r.log());
        }
        return running.size();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void progressed(long id, JobProgress.Step step, int percent) {
        runs.recordProgress(id, step, percent);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public boolean cancelRequested(long id) {
        return runs.find(id).map(AnalysisRun::cancelRequested).orElse(true);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void succeeded(long id, AnalysisOutputs outputs, String log) {
        AnalysisRun run = runs.find(id).orElseThrow();
        run.succeeded(outputs.dataChecksum(), outputs.softwareVersion(), outputs.resultJson(), outputs.reportHtml(), log);
        for (AnalysisOutputs.OutputFile f : outputs.files()) {
            runs.addFile(id, f);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void failed(long id, String failure, String log) {
        runs.find(id).filter(r -> r.status() == AnalysisRunStatus.RUNNING).ifPresent(r -> r.failed(failure, log));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void cancelled(long id, String log) {
        runs.find(id).filter(r -> r.status() == AnalysisRunStatus.RUNNING).ifPresent(r -> r.cancelled(log));
    }
}
