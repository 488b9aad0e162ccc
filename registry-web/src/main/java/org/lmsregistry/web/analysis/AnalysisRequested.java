package org.lmsregistry.web.analysis;

/** CDI event: a run was queued (observed after the commit, so the queue can see it). */
public record AnalysisRequested(long runId) {
}
