package dev.sparkprop.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One epoch as training saw it, or one L-BFGS iteration: a line of {@code metrics.jsonl} and of
 * the console. {@link #fromJson} reads a line back, with its figures as printed (six places).
 *
 * @param epoch the epoch (or iteration) just finished, from 1
 * @param steps gradient steps (L-BFGS: cost evaluations) since the start of the run
 * @param train the training set as the epoch's steps saw it, each at the Θ its step started from,
 *     its cost that data cost plus the penalty at the epoch's final Θ: a running estimate of J
 *     (L-BFGS: J at the iteration's Θ exactly; accuracy and RMSE are NaN there)
 * @param validation the validation set at the epoch's final Θ, its cost the data cost (no
 *     penalty), or null when there is none
 * @param examplesPerSecond training examples per second of training time so far (0 for L-BFGS)
 * @param elapsedSeconds training time so far
 * @param lbfgs whether this is an L-BFGS iteration rather than an epoch of steps
 */
public record EpochMetrics(int epoch, long steps, PassMetrics train, PassMetrics validation, long examplesPerSecond,
                           double elapsedSeconds, boolean lbfgs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code metrics.jsonl} line. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The epoch of a {@code metrics.jsonl} line ({@link #toJson}'s inverse, up to its rounding):
     * how a run's history is read, whether its epochs ran now or before a resume.
     *
     * @throws IllegalArgumentException when the line is not such JSON
     */
    public static EpochMetrics fromJson(String line) {
        JsonNode fields;
        try {
            fields = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metrics line: " + e.getOriginalMessage(), e);
        }
        boolean lbfgs = fields.has("iteration");
        PassMetrics validation = fields.has("validation_cost") ? passMetrics(fields, "validation") : null;
        return new EpochMetrics(fields.path(lbfgs ? "iteration" : "epoch").asInt(),
                fields.path(lbfgs ? "evaluations" : "steps").asLong(), passMetrics(fields, "train"), validation,
                fields.path("examples_per_second").asLong(), fields.path("elapsed_seconds").asDouble(), lbfgs);
    }

    /** {@code SET_cost} and {@code SET_accuracy} or {@code SET_rmse} (NaN when absent), as {@link PassMetrics#putInto} wrote them. */
    private static PassMetrics passMetrics(JsonNode fields, String set) {
        return new PassMetrics(fields.path(set + "_cost").asDouble(), number(fields, set + "_accuracy"),
                number(fields, set + "_rmse"));
    }

    private static double number(JsonNode fields, String name) {
        return fields.has(name) ? fields.get(name).asDouble() : Double.NaN;
    }

    /** The {@code metrics.jsonl} line's fields, in print order. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (lbfgs) {
            fields.put("iteration", epoch);
            fields.put("evaluations", steps);
            fields.put("train_cost", PassMetrics.round(train.cost()));
        } else {
            fields.put("epoch", epoch);
            fields.put("epochs", epoch);
            fields.put("steps", steps);
            train.putInto(fields, "train");
            if (validation != null) {
                validation.putInto(fields, "validation");
            }
            fields.put("examples_per_second", examplesPerSecond);
        }
        fields.put("elapsed_seconds", PassMetrics.round(elapsedSeconds));
        return fields;
    }

    /** The console line: {@code epoch 6/10  cost 0.075077  train acc 0.9779  4,889 ex/s  elapsed 87.6s  ETA 49.1s}. */
    public String line(int epochs, double etaSeconds) {
        if (lbfgs) {
            return String.format(Locale.ROOT, "iteration %d/%d  cost %.6f  %d passes  elapsed %.1fs", epoch, epochs,
                    train.cost(), steps, elapsedSeconds);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  cost %.6f", epoch, epochs,
                PassMetrics.round(train.cost())));
        append(line, train, "train");
        if (validation != null) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", "val cost", PassMetrics.round(validation.cost())));
            append(line, validation, "val");
        }
        line.append(String.format(Locale.ROOT, "  %,d ex/s  elapsed %.1fs  ETA %.1fs", examplesPerSecond,
                PassMetrics.round(elapsedSeconds), etaSeconds));
        return line.toString();
    }

    private static void append(StringBuilder line, PassMetrics metrics, String set) {
        if (metrics.isClassification()) {
            line.append(String.format(Locale.ROOT, "  %s acc %.4f", set, PassMetrics.round(metrics.accuracy())));
        } else {
            line.append(String.format(Locale.ROOT, "  %s rmse %.4f", set, PassMetrics.round(metrics.rmse())));
        }
    }
}
