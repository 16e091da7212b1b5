package dev.sparkprop.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loop hands back once Θ is final: the history and how the run ended.
 *
 * @param metricsLines one JSON line per epoch (or L-BFGS iteration), those restored from a
 *     checkpoint included: the run's {@code metrics.jsonl}
 * @param epochs epochs (L-BFGS: iterations) run in all
 * @param steps gradient steps (L-BFGS: cost evaluations) in all
 * @param train the last epoch's training metrics as its steps saw them (null when no epoch ran)
 * @param validation the validation set at the final Θ, or null
 * @param examplesPerSecond training examples per second of training time
 * @param stoppedEarly with early stopping: whether patience ran out (null without early stopping)
 * @param bestEpoch with early stopping: the epoch whose Θ was kept, from 1 (null without)
 * @param converged for the perceptron: whether an epoch made no mistake (null for other networks)
 */
public record TrainingResult(List<String> metricsLines, int epochs, long steps, PassMetrics train,
                             PassMetrics validation, long examplesPerSecond, Boolean stoppedEarly, Integer bestEpoch,
                             Boolean converged) {

    /** Copies the lines. */
    public TrainingResult {
        metricsLines = List.copyOf(metricsLines);
    }

    /** The epochs (L-BFGS: iterations) of {@link #metricsLines}, typed, with their figures as printed. */
    public List<EpochMetrics> history() {
        return metricsLines.stream().map(EpochMetrics::fromJson).toList();
    }

    /**
     * The summary's fields from training, in print order: epochs, steps, the validation metrics,
     * speed and how the run ended. The training set's own metrics are left to the caller, who
     * judges the final Θ on all of it (the epoch's running figures were taken at moving Θ).
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("epochs", epochs);
        fields.put("steps", steps);
        if (validation != null) {
            validation.putInto(fields, "validation");
        }
        fields.put("examples_per_second", examplesPerSecond);
        if (stoppedEarly != null) {
            fields.put("stopped_early", stoppedEarly);
            fields.put("best_epoch", bestEpoch);
        }
        if (converged != null) {
            fields.put("converged", converged);
        }
        return fields;
    }
}
