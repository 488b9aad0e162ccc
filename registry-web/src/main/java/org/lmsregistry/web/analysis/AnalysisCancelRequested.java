package org.lmsregistry.web.analysis;

/** CDI event: a statistician cancelled a running run (observed after the commit). */
public record AnalysisCancelRequested(long runId) {
}
