package dev.sparkprop.report;

import dev.sparkprop.model.Model;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page per run: the final metrics, the pictures (embedded as base64
 * {@code data:} URIs), the confusion counts and the resolved config, all from the model and
 * the pictures. No scripts, no fonts, nothing fetched: it opens from a mail attachment.
 */
final class HtmlReport {

    private static final String STYLE = "body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
            + "padding:0 1em;color:#222}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;"
            + "border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:.5em 0}"
            + "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}td.n{text-align:right;"
            + "font-family:monospace}th{background:#f3f3f3}figure{margin:1em 0}img{max-width:100%;"
            + "border:1px solid #ddd}figcaption{color:#555;font-size:.9em}.warn{color:#a33}";

    private HtmlReport() {
    }

    /**
     * The page for {@code model} (the metrics, config and run details of its provenance), the
     * {@code pictures} in order, the confusion counts (null for none) and any pictures that
     * could not be drawn ({@code notes}).
     */
    public static String render(Model model, List<Picture> pictures, ConfusionMatrix confusion, List<String> notes) {
        Map<String, String> metrics = model.provenance().metrics();
        Map<String, String> config = model.provenance().config();
        Map<String, String> run = model.provenance().details();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sparkprop run: ")
                .append(escape(model.spec().toString())).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>sparkprop run report</h1>\n<p>Network <code>")
                .append(escape(model.spec().toString())).append("</code>, ").append(model.spec().parameterCount())
                .append(" parameters; ").append(model.isClassification()
                        ? "classes " + escape(String.join(", ", model.labels().names())) : "regression")
                .append(".</p>\n");
        if (!metrics.isEmpty()) {
            html.append("<h2>Final metrics</h2>\n");
            table(html, metrics);
        }
        for (Picture picture : pictures) {
            html.append("<h2>").append(escape(picture.title())).append("</h2>\n<figure><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(picture.png())).append("\" alt=\"")
                    .append(escape(picture.title())).append("\">\n<figcaption>").append(escape(picture.caption()))
                    .append(" (<code>").append(escape(picture.fileName())).append("</code>)</figcaption></figure>\n");
        }
        for (String note : notes) {
            html.append("<p class=\"warn\">").append(escape(note)).append("</p>\n");
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
