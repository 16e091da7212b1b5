package dev.sparkprop.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where training stands between two steps: the next step to run ({@code epoch}, {@code step}
 * within it), the global step count, the current epoch's running sums, the training time so far
 * and the metrics lines of the finished epochs. Stored in a checkpoint's header.
 */
record TrainingPosition(int epoch, int step, long globalStep, double runningCost, long runningCorrect,
                        long runningCount, double trainingSeconds, List<String> metricsLines) {

    TrainingPosition {
        metricsLines = List.copyOf(metricsLines);
    }

    /** A position with the epoch's running sums taken from {@code running}. */
    TrainingPosition(int epoch, int step, long globalStep, dev.sparkprop.nn.GradientSum running,
                     double trainingSeconds, List<String> metricsLines) {
        this(epoch, step, globalStep, running.cost(), running.correct(), running.count(), trainingSeconds,
                metricsLines);
    }

    /** The very start of training. */
    static TrainingPosition start() {
        return new TrainingPosition(0, 0, 0, 0.0, 0, 0, 0.0, List.of());
    }

    /** The running sums of the epoch in progress, as a fresh sum to keep adding to. */
    dev.sparkprop.nn.GradientSum running() {
        dev.sparkprop.nn.GradientSum running = new dev.sparkprop.nn.GradientSum();
        running.addExamples(runningCost, runningCount);
        running.addCorrect(runningCorrect);
        return running;
    }

    /** The position as the checkpoint section of a model file ({@code ModelFile.Contents#checkpoint}). */
    Map<String, String> toHeader() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("epoch", Integer.toString(epoch));
        header.put("step", Integer.toString(step));
        header.put("global-step", Long.toString(globalStep));
        header.put("running-cost", Double.toString(runningCost));
        header.put("running-correct", Long.toString(runningCorrect));
        header.put("running-count", Long.toString(runningCount));
        header.put("training-seconds", Double.toString(trainingSeconds));
        for (int i = 0; i < metricsLines.size(); i++) {
            header.put("metrics." + i, metricsLines.get(i));
        }
        return header;
    }

    /** Reads back {@link #toHeader()}; a model file without a position is refused. */
    static TrainingPosition fromHeader(Map<String, String> header) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; header.containsKey("metrics." + i); i++) {
            lines.add(header.get("metrics." + i));
        }
        try {
            return new TrainingPosition(Integer.parseInt(header.get("epoch")),
                    Integer.parseInt(header.get("step")), Long.parseLong(header.get("global-step")),
                    Double.parseDouble(header.get("running-cost")),
                    Long.parseLong(header.get("running-correct")),
                    Long.parseLong(header.get("running-count")),
                    Double.parseDouble(header.get("training-seconds")), lines);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a checkpoint: its header lacks the training position", e);
        }
    }
}
