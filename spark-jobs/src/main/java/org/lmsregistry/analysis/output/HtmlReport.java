package org.lmsregistry.analysis.output;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis report: one self-contained HTML page (plus the plotly.js file beside it) with the
 * provenance, the figures (Tablesaw's Plotly output) and every result table. It loads nothing from the
 * network.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    static String render(AnalysisResult result, Map<String, Object> provenance, String plotlyFile) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(esc(result.title())).append("</title>\n<script src=\"").append(esc(plotlyFile))
                .append("\"></script>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em 0;font-size:0.9em}")
                .append("th,td{border:1px solid #ccc;padding:0.2em 0.5em;text-align:right}")
                .append("th{background:#f0f0f0}td.t{text-align:left}")
                .append(".prov td{text-align:left}.note{color:#555;font-size:0.9em}")
                .append(".warn{color:#a00}.fig{margin:1em 0 2em 0}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(result.title())).append("</h1>\n");
        provenance(h, provenance);
        if (!result.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul>\n");
            for (String w : result.warnings()) {
                h.append("<li class=\"warn\">").append(esc(w)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!result.figures().isEmpty()) {
            h.append("<h2>Figures</h2>\n");
            int i = 0;
            for (AnalysisResult.ReportFigure f : result.figures()) {
                String div = "fig" + (i++);
                h.append("<div class=\"fig\" id=\"figure-").append(esc(f.id())).append("\"><h3>").append(esc(f.title())).append("</h3>\n<div id=\"").append(div)
                        .append("\"></div>\n").append(f.figure().asJavascript(div)).append("\n<p class=\"note\">")
                        .append(esc(f.caption())).append("</p></div>\n");
            }
        }
        h.append("<h2>Tables</h2>\n");
        for (ResultTable t : result.tables()) {
            table(h, t);
        }
        if (!result.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : result.notes()) {
                h.append("<li class=\"note\">").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p class=\"note\">Plots by plotly.js ").append(esc(plotlyFile))
                .append(" (MIT licence, plotly-LICENSE.txt) through Tablesaw. Full results: result.json; ")
                .append("tables: one CSV file each.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void provenance(StringBuilder h, Map<String, Object> p) {
        h.append("<table class=\"prov\">\n");
        row(h, "Analysis", p.get("analysis"));
        row(h, "Created", p.get("createdAt"));
        if (p.get("source") instanceof Map<?, ?> s) {
            row(h, "Data", s.get("kind") + " " + s.get("location"));
            row(h, "Data checksum", s.get("checksum"));
        }
        if (p.get("cohort") instanceof Map<?, ?> c) {
            row(h, "Cohort", c.get("name"));
            row(h, "Patients in cohort", c.get("patients"));
        }
        row(h, "Parameters", p.get("parameters"));
        if (p.get("disclosure") instanceof Map<?, ?> d) {
            row(h, "Disclosure control", "counts 1 to " + (((Number) d.get("minCell")).intValue() - 1)
                    + " shown as <" + d.get("minCell") + "; complementary cells as x");
        }
        if (p.get("software") instanceof Map<?, ?> sw) {
            row(h, "Software", sw.get("name") + " " + sw.get("version") + ", Spark " + sw.get("spark") + ", Java "
                    + sw.get("java"));
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, Object value) {
        if (value != null) {
            h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(String.valueOf(value)))
                    .append("</td></tr>\n");
        }
    }

    private static void table(StringBuilder h, ResultTable t) {
        h.append("<h3>").append(esc(t.title())).append(" <span class=\"note\">(").append(esc(t.name()))
                .append(".csv)</span></h3>\n<table>\n<tr>");
        for (ResultTable.Column c : t.columns()) {
            h.append("<th title=\"").append(esc(c.description())).append("\">").append(esc(c.name())).append("</th>");
        }
        h.append("</tr>\n");
        List<List<Object>> rows = t.rows();
        int shown = Math.min(rows.size(), 500);
        for (int r = 0; r < shown; r++) {
            h.append("<tr>");
            List<Object> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                boolean text = t.columns().get(i).kind() == ResultTable.Kind.TEXT;
                h.append(text ? "<td class=\"t\">" : "<td>").append(esc(display(row.get(i)))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (rows.size() > shown) {
            h.append("<p class=\"note\">First ").append(shown).append(" of ").append(rows.size())
                    .append(" rows; all rows are in ").append(esc(t.name())).append(".csv.</p>\n");
        }
        for (String n : t.notes()) {
            h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        }
    }

    /** A value for people: numbers with 4 significant digits (p-values in scientific form when small). */
    static String display(Object v) {
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "\u221e" : "-\u221e";
            }
            if (d != 0 && Math.abs(d) < 1e-3) {
                return String.format(Locale.ROOT, "%.2e", d);
            }
            return String.format(Locale.ROOT, "%.4g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return ResultWriter.text(v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
