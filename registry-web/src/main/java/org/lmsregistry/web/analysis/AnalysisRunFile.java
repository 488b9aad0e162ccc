package org.lmsregistry.web.analysis;

/** One output file of a finished run (its content is fetched separately: a report's plotly.js is megabytes). */
public record AnalysisRunFile(String name, String mediaType, long size, String sha256) {

    /** CSV tables are the files statisticians download; the report and result.json have their own links. */
    public boolean isTable() {
        return name.endsWith(".csv");
    }
}
