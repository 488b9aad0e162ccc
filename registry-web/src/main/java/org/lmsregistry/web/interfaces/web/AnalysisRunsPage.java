package org.lmsregistry.web.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.lmsregistry.web.analysis.AnalysisRun;
import org.lmsregistry.web.analysis.AnalysisRunService;

/** The runs list: newest first, with live status and progress (the page polls this bean). */
@Named
@RequestScoped
public class AnalysisRunsPage {

    static final int SHOWN = 50;

    @Inject
    AnalysisRunService runs;

    private List<AnalysisRun> list;

    public List<AnalysisRun> getRuns() {
        if (list == null) {
            list = runs.list(0, SHOWN);
        }
        return list;
    }

    /** Polling stops by itself when nothing is queued or running. */
    public boolean isAnyActive() {
        return getRuns().stream().anyMatch(r -> !r.status().isFinal());
    }

    public String getUnavailableReason() {
        return runs.unavailableReason().orElse(null);
    }
}
