package org.lmsregistry.web.analysis;

public enum AnalysisRunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
