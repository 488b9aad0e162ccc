package org.lmsregistry.web.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * Analysis runs on the pooled registry: statisticians request and cancel them and, like
 * administrators, read them. Runs only ever see pooled de-identified data, so site roles have no
 * part in them. Requests are checked in full ({@link AnalysisRequest}) before a run is queued.
 */
@ApplicationScoped
public class AnalysisRunService {

    @Inject
    AnalysisRunRepository runs;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Event<AnalysisRequested> requested;

    @Inject
    Event<AnalysisCancelRequested> cancelRequested;

    @Inject
    AnalysisSettings settings;

    @Transactional
    public AnalysisRun request(String kind, String parameters, String cohort) {
        Caller caller = requireStatistician();
        AnalysisRequest request = AnalysisRequest.of(kind, parameters, cohort);
        try {
            AnalysisRun run = new AnalysisRun(request.kind().job(), request.parameters().toString(),
                    request.cohort().toString(), caller.name());
            runs.add(run);
            requested.fire(new AnalysisRequested(run.id()));
            return run;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Cancels a queued run at once, a running one as soon as its child processes have stopped. */
    @Transactional
    public AnalysisRun cancel(long id) {
        // administrators too: a run that hogs the machine must be stoppable by whoever runs the registry
        requireReader();
        AnalysisRun run = runs.find(id).orElseThrow(() -> notFound(id));
        run.cancel();
        if (run.status() == AnalysisRunStatus.RUNNING) {
            cancelRequested.fire(new AnalysisCancelRequested(id));
        }
        return run;
    }

    @Transactional
    public List<AnalysisRun> list(int offset, int limit) {
        requireReader();
        return runs.findRecent(offset, limit);
    }

    @Transactional
    public AnalysisRun get(long id) {
        requireReader();
        return runs.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public List<AnalysisRunFile> files(long id) {
        requireReader();
        runs.find(id).orElseThrow(() -> notFound(id));
        return runs.files(id);
    }

    /** An output file of a run: its description and content. */
    public record FileContent(AnalysisRunFile file, byte[] content) {
    }

    @Transactional
    public FileContent file(long id, String name) {
        requireReader();
        AnalysisRunFile file = runs.files(id).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("Analysis run " + id + " has no file " + name + "."));
        return new FileContent(file, runs.fileContent(id, name).orElseThrow());
    }

    /**
     * The plotly.js library a report loads (a public MIT library, no registry data): served without
     * a session, because the report runs sandboxed and its requests carry no cookie.
     */
    @Transactional
    public FileContent libraryFile(long id, String name) {
        if (!name.matches("plotly-[0-9A-Za-z.-]+\\.js|plotly-LICENSE\\.txt")) {
            throw new NotFoundException("Analysis run " + id + " has no library file " + name + ".");
        }
        AnalysisRunFile file = runs.files(id).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("Analysis run " + id + " has no file " + name + "."));
        return new FileContent(file, runs.fileContent(id, name).orElseThrow());
    }

    /** Why runs cannot start on this server (no jar configured...), for the pages; empty when they can. */
    public Optional<String> unavailableReason() {
        return settings.unavailableReason();
    }

    private Caller requireStatistician() {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.STATISTICIAN)) {
            throw new AccessDeniedException("Analyses are requested by statisticians.");
        }
        return caller;
    }

    private void requireReader() {
        Caller caller = currentCaller.get();
        if (!caller.isAny(Role.STATISTICIAN, Role.ADMIN)) {
            throw new AccessDeniedException("Analysis runs are read and cancelled by statisticians and administrators.");
        }
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No analysis run " + id + ".");
    }
}
