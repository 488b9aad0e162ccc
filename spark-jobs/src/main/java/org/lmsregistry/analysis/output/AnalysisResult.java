package org.lmsregistry.analysis.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.plotly.components.Figure;

/**
 * What an analysis found, before it is written: estimates, tables (counts already suppressed), figures
 * for the report, a summary and notes. {@link ResultWriter} adds the provenance and writes it.
 */
public final class AnalysisResult {

    /** A figure of the report. */
    public record ReportFigure(String id, String title, Figure figure, String caption) {
    }

    private final String analysis;
    private final String title;
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final List<Estimate> estimates = new ArrayList<>();
    private final List<ResultTable> tables = new ArrayList<>();
    private final List<ReportFigure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public AnalysisResult(String analysis, String title) {
        this.analysis = analysis;
        this.title = title;
    }

    public String analysis() {
        return analysis;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> summary() {
        return summary;
    }

    public List<Estimate> estimates() {
        return estimates;
    }

    public List<ResultTable> tables() {
        return tables;
    }

    public List<ReportFigure> figures() {
        return figures;
    }

    public List<String> notes() {
        return notes;
    }

    public List<String> warnings() {
        return warnings;
    }

    public AnalysisResult add(Estimate e) {
        if (estimates.stream().anyMatch(x -> x.id().equals(e.id()))) {
            throw new IllegalArgumentException("duplicate estimate id " + e.id());
        }
        estimates.add(e);
        return this;
    }

    public AnalysisResult add(ResultTable t) {
        if (tables.stream().anyMatch(x -> x.name().equals(t.name()))) {
            throw new IllegalArgumentException("duplicate table " + t.name());
        }
        tables.add(t);
        return this;
    }

    public AnalysisResult add(ReportFigure f) {
        figures.add(f);
        return this;
    }

    public AnalysisResult note(String note) {
        notes.add(note);
        return this;
    }

    public AnalysisResult warn(String warning) {
        warnings.add(warning);
        return this;
    }

    /** The estimate with an id. */
    public Estimate estimate(String id) {
        return estimates.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no estimate " + id));
    }

    public ResultTable table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }
}
