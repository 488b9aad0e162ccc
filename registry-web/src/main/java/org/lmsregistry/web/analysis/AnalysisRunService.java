package org.lmsregistry.web.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * Analysis runs on the pooled registry: statisticians request them and, like administrators, read
 * them. Runs only ever see pooled de-identified data, so site roles have no part in them.
 */
@ApplicationScoped
public class AnalysisRunService {

    @Inject
    AnalysisRunRepository runs;

    @Inject
    CurrentCaller currentCaller;

    @Transactional
    public AnalysisRun request(String kind, String parameters, String cohort) {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.STATISTICIAN)) {
            throw new AccessDeniedException("Analyses are requested by statisticians.");
        }
        try {
            AnalysisRun run = new AnalysisRun(kind, parameters, cohort, caller.name());
            runs.add(run);
            return run;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    @Transactional
    public List<AnalysisRun> list(int offset, int limit) {
        requireReader();
        return runs.findRecent(offset, limit);
    }

    @Transactional
    public AnalysisRun get(long id) {
        requireReader();
        return runs.find(id).orElseThrow(() -> new NotFoundException("No analysis run " + id + "."));
    }

    private void requireReader() {
        Caller caller = currentCaller.get();
        if (!caller.isAny(Role.STATISTICIAN, Role.ADMIN)) {
            throw new AccessDeniedException("Analysis runs are read by statisticians and administrators.");
        }
    }
}
