package org.lmsregistry.web.analysis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded queue of analysis runs: at most {@code lms.analysis.max-concurrent} (default 1) run
 * at a time, each supervised on the container's managed executor; the rest wait in the database
 * (status QUEUED), oldest first. The database is the queue, so a restart loses nothing queued;
 * runs that were running when the server stopped are marked failed at the next start
 * ({@link AnalysisRunJournal#interruptRunning()}). One registry instance launches runs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AnalysisQueue {

    private static final Logger LOG = Logger.getLogger(AnalysisQueue.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    AnalysisRunJournal journal;

    @Inject
    AnalysisSettings settings;

    private final Map<Long, AnalysisLaunch> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        int interrupted = journal.interruptRunning();
        if (interrupted > 0) {
            LOG.warning(interrupted + " analysis run(s) were running when the server stopped; marked failed");
        }
        settings.unavailableReason().ifPresent(reason -> LOG.info("analysis runs will fail until configured: " + reason));
        dispatch();
    }

    /** After a request commits. */
    public void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) AnalysisRequested event) {
        dispatch();
    }

    /** Starts queued runs while there is room. */
    public synchronized void dispatch() {
        while (!stopping && running.size() < settings.maxConcurrent()) {
            Optional<AnalysisRunJournal.Claimed> next;
            try {
                next = journal.claimNext();
            } catch (RuntimeException e) {
                // e.g. a cancellation that changed the run at the same moment: try again with the next event
                LOG.log(Level.INFO, "could not take the next analysis run", e);
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            AnalysisLaunch launch = new AnalysisLaunch(next.get(), settings, journal, timer);
            running.put(launch.runId(), launch);
            executor.execute(() -> {
                try {
                    launch.run();
                } finally {
                    running.remove(launch.runId());
                    dispatch();
                }
            });
        }
    }

    /** Stops a running run's child processes once the request is committed (the run records itself cancelled). */
    public void cancelRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) AnalysisCancelRequested event) {
        AnalysisLaunch launch = running.get(event.runId());
        if (launch != null) {
            launch.cancel();
        }
    }

    /** Children do not outlive the server; their runs are marked interrupted at the next start. */
    @PreDestroy
    void stop() {
        stopping = true;
        running.values().forEach(AnalysisLaunch::abandon);
    }
}
