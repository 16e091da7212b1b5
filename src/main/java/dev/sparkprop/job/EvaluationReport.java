package dev.sparkprop.job;

import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.PassMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model did on a dataset. Classification: accuracy, cost, per-class precision, recall and
 * F1, and the confusion matrix (rows: actual class, columns: predicted). Regression: cost, RMSE,
 * MAE and R². As a readable table or as one JSON object.
 *
 * <p>The cost is the data cost, (1/m) Σ J_1 over these m examples, unless a λ was asked for: then
 * it is the notes' J(Θ) at that λ, taking these examples as the training set, the data cost plus
 * λ/(2m) Σ Θ² over the weights (biases excluded); the data cost is reported beside it.
 *
 * @param examples m
 * @param cost the data cost, or J at {@code lambda} when one was given
 * @param dataCost the data cost, (1/m) Σ J_1
 * @param lambda the λ of {@code cost}, or null for the data cost alone
 * @param sums the raw sums
 * @param labels class names, or null for regression
 */
public record EvaluationReport(long examples, double cost, double dataCost, Double lambda, MetricSum sums,
                               LabelIndex labels) {

    /** Ordered fields for JSON: {@code cost}, and with a λ also {@code lambda} and {@code data_cost}. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("examples", examples);
        fields.put("cost", PassMetrics.round(cost));
        if (lambda != null) {
            fields.put("lambda", lambda);
            fields.put("data_cost", PassMetrics.round(dataCost));
        }
        if (labels == null) {
            fields.put("rmse", PassMetrics.round(sums.rmse()));
            fields.put("mae", PassMetrics.round(sums.mae()));
            fields.put("r2", PassMetrics.round(sums.r2()));
            return fields;
        }
        fields.put("accuracy", PassMetrics.round(sums.accuracy()));
        long[][] confusion = sums.confusionMatrix();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", labels.name(c));
            row.put("precision", PassMetrics.round(precision(confusion, c)));
            row.put("recall", PassMetrics.round(recall(confusion, c)));
            row.put("f1", PassMetrics.round(f1(confusion, c)));
            row.put("support", rowSum(confusion, c));
            classes.add(row);
        }
        fields.put("classes", classes);
        fields.put("confusion_matrix", confusion);
        return fields;
    }

    /** One-line JSON. */
    public String toJson() {
        return TrainingSummary.toJson(fields());
    }

    /** A table for people. */
    public String toTable() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "examples  %d%n", examples));
        text.append(lambda == null ? String.format(Locale.ROOT, "cost      %.6f  (data cost; no penalty)%n", cost)
                : String.format(Locale.ROOT, "cost      %.6f  (J at lambda %s: data cost %.6f + penalty %.6f)%n", cost,
                        lambda, dataCost, cost - dataCost));
        if (labels == null) {
            return text.append(String.format(Locale.ROOT, "rmse      %.6f%nmae       %.6f%nr2        %.6f%n",
                    sums.rmse(), sums.mae(), sums.r2())).toString();
        }
        long[][] confusion = sums.confusionMatrix();
        int width = Math.max(8, labels.names().stream().mapToInt(String::length).max().orElse(5) + 2);
        text.append(String.format(Locale.ROOT, "accuracy  %.4f%n%n", sums.accuracy()));
        text.append(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s%n", "class", "precision", "recall",
                "f1", "support"));
        for (int c = 0; c < confusion.length; c++) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %9d%n", labels.name(c),
                    precision(confusion, c), recall(confusion, c), f1(confusion, c), rowSum(confusion, c)));
        }
        text.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n%-" + width
                + "s", ""));
        int cell = Math.max(6, Long.toString(examples).length() + 1);
        for (int c = 0; c < confusion.length; c++) {
            text.append(String.format(Locale.ROOT, "%" + cell + "s", truncate(labels.name(c), cell - 1)));
        }
        text.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s", labels.name(a)));
            for (int p = 0; p < confusion.length; p++) {
                text.append(String.format(Locale.ROOT, "%" + cell + "d", confusion[a][p]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String truncate(String name, int width) {
        return name.length() <= width ? name : name.substring(0, width);
    }

    static double precision(long[][] confusion, int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0.0 : (double) confusion[c][c] / predicted;
    }

    static double recall(long[][] confusion, int c) {
        long actual = rowSum(confusion, c);
        return actual == 0 ? 0.0 : (double) confusion[c][c] / actual;
    }

    static double f1(long[][] confusion, int c) {
        double p = precision(confusion, c);
        double r = recall(confusion, c);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    private static long rowSum(long[][] confusion, int c) {
        long sum = 0;
        for (long value : confusion[c]) {
            sum += value;
        }
        return sum;
    }
}
