package org.lmsregistry.analysis.output;

import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** The report's plots, as Tablesaw Plotly figures. */
public final class Plots {

    private Plots() {
    }

    /** One row of an interval plot: a label, an estimate and its limits; {@code pooled} rows are diamonds. */
    public record IntervalRow(String label, double estimate, double lower, double upper, boolean pooled) {

        boolean plottable(boolean log) {
            boolean finite = Double.isFinite(estimate) && Double.isFinite(lower) && Double.isFinite(upper);
            return finite && (!log || (estimate > 0 && lower > 0 && upper > 0));
        }
    }

    /**
     * A horizontal interval plot (forest plot): one line per row, top to bottom, the estimate as a point and
     * the interval as a line; a dashed reference line (e.g. 1 for odds ratios). Rows that cannot be
     * drawn (infinite limits, hidden) are listed without a mark.
     */
    public static Figure intervals(String title, String xTitle, List<IntervalRow> rows, boolean logScale,
            Double reference) {
        int n = rows.size();
        List<Double> lx = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<Double> dx = new ArrayList<>();
        List<Double> dy = new ArrayList<>();
        double[] tickValues = new double[n];
        String[] tickText = new String[n];
        for (int i = 0; i < n; i++) {
            IntervalRow r = rows.get(i);
            double y = n - i;
            tickValues[i] = y;
            tickText[i] = r.label();
            if (!r.plottable(logScale)) {
                continue;
            }
            lx.add(r.lower());
            lx.add(r.upper());
            lx.add(Double.NaN);
            ly.add(y);
            ly.add(y);
            ly.add(Double.NaN);
            (r.pooled() ? dx : px).add(r.estimate());
            (r.pooled() ? dy : py).add(y);
        }
        List<Trace> traces = new ArrayList<>();
        if (!lx.isEmpty()) {
            traces.add(ScatterTrace.builder(array(lx), array(ly)).mode(ScatterTrace.Mode.LINE).name("interval")
                    .line(Line.builder().color("#555").width(2).build()).showLegend(false).build());
        }
        if (!px.isEmpty()) {
            traces.add(ScatterTrace.builder(array(px), array(py)).mode(ScatterTrace.Mode.MARKERS).name("estimate")
                    .marker(Marker.builder().size(9).color("#1f77b4").symbol(Symbol.SQUARE).build())
                    .showLegend(false).build());
        }
        if (!dx.isEmpty()) {
            traces.add(ScatterTrace.builder(array(dx), array(dy)).mode(ScatterTrace.Mode.MARKERS).name("pooled")
                    .marker(Marker.builder().size(14).color("#d62728").symbol(Symbol.DIAMOND).build())
                    .showLegend(false).build());
        }
        if (reference != null) {
            traces.add(ScatterTrace.builder(new double[] {reference, reference}, new double[] {0.5, n + 0.5})
                    .mode(ScatterTrace.Mode.LINE).name("reference")
                    .line(Line.builder().color("#999").dash(Line.Dash.DASH).width(1).build()).showLegend(false)
                    .build());
        }
        if (traces.isEmpty()) {
            traces.add(ScatterTrace.builder(new double[0], new double[0]).build());
        }
        Axis.AxisBuilder x = Axis.builder().title(xTitle);
        if (logScale) {
            x.type(Axis.Type.LOG);
        }
        Layout layout = Layout.builder().title(title).height(Math.max(260, 60 + 32 * n)).width(820)
                .margin(Margin.builder().left(220).right(30).top(50).bottom(50).build()).xAxis(x.build())
                .yAxis(Axis.builder().range(0.3, n + 0.7).showGrid(false)
                        .tickSettings(TickSettings.builder().tickMode(TickSettings.TickMode.ARRAY).arrayTicks(tickValues, tickText).build()).build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** A step curve of one group. */
    public record Curve(String name, double[] x, double[] y) {
    }

    /**
     * Kaplan-Meier curves with the numbers at risk printed under the plot, one row per curve.
     *
     * @param riskTimes the times (in x units) of the numbers at risk
     * @param atRisk    per curve, the text of the number at risk at each time (already suppressed)
     */
    public static Figure survival(String title, String xTitle, List<Curve> curves, double[] riskTimes,
            List<String[]> atRisk) {
        List<Trace> traces = new ArrayList<>();
        for (Curve c : curves) {
            traces.add(ScatterTrace.builder(c.x(), c.y()).mode(ScatterTrace.Mode.LINE).name(c.name())
                    .line(Line.builder().shape(Line.Shape.HV).width(2).build()).build());
        }
        int g = curves.size();
        double bottom = -0.08 - 0.07 * g;
        for (int k = 0; k < g; k++) {
            double[] y = new double[riskTimes.length];
            java.util.Arrays.fill(y, -0.1 - 0.07 * k);
            traces.add(ScatterTrace.builder(riskTimes, y).mode(ScatterTrace.Mode.TEXT).text(atRisk.get(k))
                    .name("at risk: " + curves.get(k).name()).showLegend(false).build());
        }
        // the probability axis, and the rows of numbers at risk labelled by their curve
        double[] ticks = new double[5 + g];
        String[] tickText = new String[5 + g];
        for (int k = 0; k < g; k++) {
            ticks[k] = -0.1 - 0.07 * k;
            String name = curves.get(k).name();
            tickText[k] = name.contains(" (") ? name.substring(0, name.indexOf(" (")) : name;
        }
        for (int i = 0; i <= 4; i++) {
            ticks[g + i] = i * 0.25;
            tickText[g + i] = Double.toString(i * 0.25);
        }
        Layout layout = Layout.builder().title(title).height(460 + 25 * g).width(820)
                .xAxis(Axis.builder().title(xTitle).build())
                .yAxis(Axis.builder().title("Probability (numbers at risk below)").range(bottom, 1.02)
                        .tickSettings(TickSettings.builder().tickMode(TickSettings.TickMode.ARRAY)
                                .arrayTicks(ticks, tickText).build()).build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static double[] array(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
