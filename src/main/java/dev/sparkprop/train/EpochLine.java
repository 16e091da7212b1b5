package dev.sparkprop.train;

import java.util.Locale;
import java.util.Map;

/** The one line printed per epoch: epoch, cost, train and validation metrics, speed, elapsed and ETA. */
final class EpochLine {

    private EpochLine() {
    }

    static String format(Map<String, Object> metrics, int epochs, double etaSeconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  cost %.6f",
                (Integer) metrics.get("epoch"), epochs, (Double) metrics.get("train_cost")));
        append(line, metrics, "train_accuracy", "train acc");
        append(line, metrics, "train_rmse", "train rmse");
        append(line, metrics, "validation_cost", "val cost");
        append(line, metrics, "validation_accuracy", "val acc");
        append(line, metrics, "validation_rmse", "val rmse");
        line.append(String.format(Locale.ROOT, "  %,d ex/s  elapsed %.1fs  ETA %.1fs",
                (Long) metrics.get("examples_per_second"), (Double) metrics.get("elapsed_seconds"), etaSeconds));
        return line.toString();
    }

    private static void append(StringBuilder line, Map<String, Object> metrics, String key, String label) {
        Object value = metrics.get(key);
        if (value != null) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", label, (Double) value));
        }
    }
}
