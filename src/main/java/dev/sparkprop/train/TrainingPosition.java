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

    Map<String, String> toInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("checkpoint.epoch", Integer.toString(epoch));
        info.put("checkpoint.step", Integer.toString(step));
        info.put("checkpoint.global-step", Long.toString(globalStep));
        info.put("checkpoint.running-cost", Double.toString(runningCost));
        info.put("checkpoint.running-correct", Long.toString(runningCorrect));
        info.put("checkpoint.running-count", Long.toString(runningCount));
        info.put("checkpoint.training-seconds", Double.toString(trainingSeconds));
        for (int i = 0; i < metricsLines.size(); i++) {
            info.put("checkpoint.metrics." + i, metricsLines.get(i));
        }
        return info;
    }

    static TrainingPosition fromInfo(Map<String, String> info) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; info.containsKey("checkpoint.metrics." + i); i++) {
            lines.add(info.get("checkpoint.metrics." + i));
        }
        try {
            return new TrainingPosition(Integer.parseInt(info.get("checkpoint.epoch")),
                    Integer.parseInt(info.get("checkpoint.step")), Long.parseLong(info.get("checkpoint.global-step")),
                    Double.parseDouble(info.get("checkpoint.running-cost")),
                    Long.parseLong(info.get("checkpoint.running-correct")),
                    Long.parseLong(info.get("checkpoint.running-count")),
                    Double.parseDouble(info.get("checkpoint.training-seconds")), lines);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a checkpoint: its header lacks the training position", e);
        }
    }
}
