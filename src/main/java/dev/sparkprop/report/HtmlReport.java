package dev.sparkprop.report;

import dev.sparkprop.model.Model;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page per run. Its first part is the run page the live page shows too
 * ({@link RunPage}: the same script draws the finished run's curves, time split, tiles, confusion
 * matrix, summary and config, inline); then the pictures (embedded as base64 {@code data:} URIs)
 * and any that could not be drawn. Nothing is fetched: it opens from a mail attachment. Without
 * scripts, a {@code noscript} part shows the final metrics, confusion counts, config and run as
 * plain tables.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * The page for {@code model} (the metrics, config and run details of its provenance), its
     * {@code metricsLines}, the {@code pictures} in order, the confusion counts (null for none)
     * and any pictures that could not be drawn ({@code notes}, to which a run page that cannot be
     * drawn adds its own).
     */
    public static String render(Model model, List<String> metricsLines, List<Picture> pictures,
                                ConfusionMatrix confusion, List<String> notes) {
        Map<String, String> metrics = model.provenance().metrics();
        Map<String, String> config = model.provenance().config();
        Map<String, String> run = model.provenance().details();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sparkprop run: ")
                .append(escape(model.spec().toString())).append("</title>\n<style>").append(RunPage.resource(RunPage.STYLE))
                .append("</style>\n</head>\n<body>\n<p>sparkprop run report. Network <code>")
                .append(escape(model.spec().toString())).append("</code>, ").append(model.spec().parameterCount())
                .append(" parameters; ").append(model.isClassification()
                        ? "classes " + escape(String.join(", ", model.labels().names())) : "regression")
                .append(".</p>\n");
        List<String> allNotes = new ArrayList<>(notes);
        try {
            html.append(RunPage.embedded(RunPage.finished(model, metricsLines, confusion)));
        } catch (RuntimeException e) {
            allNotes.add("report: could not draw the run page: " + e.getMessage());
        }
        html.append("<noscript>\n");
        if (!metrics.isEmpty()) {
            html.append("<h2>Final metrics</h2>\n");
            table(html, metrics);
        }
        if (confusion != null) {
            confusionTable(html, confusion);
        }
        if (!config.isEmpty()) {
            html.append("<h2>Configuration</h2>\n");
            table(html, config);
        }
        if (!run.isEmpty()) {
            html.append("<h2>Run</h2>\n");
            table(html, run);
        }
        html.append("</noscript>\n");
        for (Picture picture : pictures) {
            html.append("<h2>").append(escape(picture.title())).append("</h2>\n<figure><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(picture.png())).append("\" alt=\"")
                    .append(escape(picture.title())).append("\">\n<figcaption>").append(escape(picture.caption()))
                    .append(" (<code>").append(escape(picture.fileName())).append("</code>)</figcaption></figure>\n");
        }
        for (String note : allNotes) {
            html.append("<p class=\"warn\">").append(escape(note)).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Map<String, String> rows) {
        html.append("<table>\n");
        rows.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(value)).append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private static void confusionTable(StringBuilder html, ConfusionMatrix confusion) {
        html.append("<h2>Confusion counts (").append(escape(confusion.dataset()))
                .append(")</h2>\n<table>\n<tr><th>actual \\ predicted</th>");
        for (String name : confusion.classNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr>\n");
        for (int a = 0; a < confusion.size(); a++) {
            html.append("<tr><th>").append(escape(confusion.classNames().get(a))).append("</th>");
            for (long count : confusion.counts()[a]) {
                html.append("<td class=\"n\">").append(count).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Text made safe for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
