package dev.sparkprop.job;

import dev.sparkprop.report.SweepPlot;
import dev.sparkprop.train.PassMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A sweep's candidates as the command shows and stores them: a table for people, CSV, one JSON
 * object per candidate and the plot of the validation metric.
 */
public final class SweepTable {

    private static final List<String> SCORES = List.of("validation_cost", "validation_accuracy", "train_accuracy",
            "seconds");

    private final List<String> keys;
    private final List<SweepRow> rows;
    private final String metric;

    SweepTable(List<String> keys, List<SweepRow> rows, String metric) {
        this.keys = List.copyOf(keys);
        this.rows = List.copyOf(rows);
        this.metric = metric;
    }

    /** How many candidates. */
    int size() {
        return rows.size();
    }

    private static List<Object> scores(SweepRow row) {
        SweepValidation.Scores s = row.scores();
        return List.of(PassMetrics.round(s.validationCost()), PassMetrics.round(s.validationAccuracy()),
                PassMetrics.round(s.trainAccuracy()), PassMetrics.round(s.seconds()));
    }

    /** Header and one line per candidate: number, the axes' values, the scores, whether chosen. */
    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        StringJoiner header = new StringJoiner(",");
        header.add("candidate");
        keys.forEach(header::add);
        SCORES.forEach(header::add);
        header.add("best");
        lines.add(header.toString());
        for (SweepRow row : rows) {
            StringJoiner line = new StringJoiner(",");
            line.add(Integer.toString(row.number()));
            row.settings().values().forEach(value -> line.add(csvField(value)));
            scores(row).forEach(value -> line.add(String.valueOf(value)));
            line.add(Boolean.toString(row.best()));
            lines.add(line.toString());
        }
        return lines;
    }

    /** One JSON object per candidate, for {@code metrics.jsonl}. */
    List<String> jsonLines() {
        List<String> lines = new ArrayList<>();
        for (SweepRow row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("candidate", row.number());
            fields.putAll(row.settings());
            List<Object> values = scores(row);
            for (int i = 0; i < SCORES.size(); i++) {
                fields.put(SCORES.get(i), values.get(i));
            }
            fields.put("best", row.best());
            lines.add(TrainingSummary.toJson(fields));
        }
        return lines;
    }

    /** The table for people, the chosen row marked with {@code *}. */
    String toText() {
        List<Integer> widths = new ArrayList<>();
        for (String key : keys) {
            widths.add(Math.max(key.length(), rows.stream().mapToInt(r -> r.settings().get(key).length()).max()
                    .orElse(0)));
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-4s", "#"));
        for (int k = 0; k < keys.size(); k++) {
            text.append(String.format(Locale.ROOT, "%-" + (widths.get(k) + 2) + "s", keys.get(k)));
        }
        text.append(String.format(Locale.ROOT, "%9s %9s %9s %8s%n", "val cost", "val acc", "train acc", "seconds"));
        for (SweepRow row : rows) {
            text.append(String.format(Locale.ROOT, "%-4s", row.number() + (row.best() ? "*" : "")));
            for (int k = 0; k < keys.size(); k++) {
                String value = row.settings().get(keys.get(k));
                text.append(String.format(Locale.ROOT, "%-" + (widths.get(k) + 2) + "s", value));
            }
            SweepValidation.Scores s = row.scores();
            text.append(String.format(Locale.ROOT, "%9.4f %9.4f %9.4f %8.1f%n", s.validationCost(),
                    s.validationAccuracy(), s.trainAccuracy(), s.seconds()));
        }
        return text.toString();
    }

    /** Writes the CSV and the plot into {@code directory}. */
    void writeInto(FileSystem fs, Path directory, String csvFile, String plotFile) throws IOException {
        try (OutputStream out = fs.create(new Path(directory, csvFile), false)) {
            out.write((String.join("\n", csvLines()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = fs.create(new Path(directory, plotFile), false)) {
            out.write(plot());
        }
    }

    /** The validation metric against the last axis, one line per setting of the other axes. */
    private byte[] plot() {
        String xKey = keys.get(keys.size() - 1);
        List<String> xValues = new ArrayList<>();
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        for (SweepRow row : rows) {
            String x = row.settings().get(xKey);
            if (!xValues.contains(x)) {
                xValues.add(x);
            }
            lines.computeIfAbsent(lineOf(row, xKey), line -> new ArrayList<>());
        }
        // A full grid has each line's candidate at each x; they come in the grid's order.
        lines.forEach((line, values) -> {
            for (String x : xValues) {
                values.add(rows.stream().filter(row -> lineOf(row, xKey).equals(line) && row.settings().get(xKey)
                        .equals(x)).mapToDouble(row -> row.scores().metric(metric)).findFirst().orElse(Double.NaN));
            }
        });
        return SweepPlot.png("validation " + metric, xKey, xValues, lines);
    }

    /** The plot's line of {@code row}: its values of every axis but the x axis. */
    private String lineOf(SweepRow row, String xKey) {
        StringJoiner name = new StringJoiner(" ");
        row.settings().forEach((key, value) -> {
            if (!key.equals(xKey)) {
                name.add(key + "=" + value);
            }
        });
        return name.length() == 0 ? "validation " + metric : name.toString();
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
