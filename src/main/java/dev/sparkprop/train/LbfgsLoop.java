package dev.sparkprop.train;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.optim.Lbfgs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full-batch L-BFGS (the notes' "fmincg or other optimization function"), Breeze's, with every
 * cost-and-gradient evaluation one distributed pass. {@code epochs} is the iteration limit; a
 * line and a metrics record per iteration.
 */
final class LbfgsLoop {

    private final TrainConfig config;
    private final DistributedTrainer trainer;
    private final TrainingSet train;
    private final TrainingSet validation;
    private final PrintStream log;
    private final List<String> metricsLines = new ArrayList<>();

    LbfgsLoop(TrainConfig config, DistributedTrainer trainer, TrainingSet train, TrainingSet validation,
              PrintStream log) {
        this.config = config;
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.log = log;
    }

    List<String> metricsLines() {
        return metricsLines;
    }

    /**
     * Minimizes J from {@code theta}, which receives the result; returns the final metrics (the
     * caller adds the final full-pass train metrics).
     */
    Map<String, Object> run(double[] theta) {
        long start = System.nanoTime();
        UpdateSettings update = config.update();
        Lbfgs lbfgs = new Lbfgs(update.epochs(), update.lbfgsMemory(), update.lbfgsTolerance());
        int[] evaluations = new int[1];
        double[] result = lbfgs.minimize((weights, gradient) -> {
            CostGradient costGradient = trainer.fullGradient(train, weights);
            System.arraycopy(costGradient.gradient(), 0, gradient, 0, gradient.length);
            evaluations[0]++;
            return costGradient.cost();
        }, theta, (iteration, cost, evaluated) -> {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("iteration", iteration);
            metrics.put("evaluations", evaluated);
            metrics.put("train_cost", TrainingJob.round(cost));
            metrics.put("elapsed_seconds", TrainingJob.round((System.nanoTime() - start) / 1e9));
            metricsLines.add(TrainingSummary.toJson(metrics));
            log.println(String.format(Locale.ROOT, "iteration %d/%d  cost %.6f  %d passes  elapsed %.1fs", iteration,
                    config.update().epochs(), cost, evaluated, (System.nanoTime() - start) / 1e9));
        });
        System.arraycopy(result, 0, theta, 0, theta.length);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epochs", metricsLines.size() - 1);
        metrics.put("steps", evaluations[0]);
        metrics.put("examples_per_second", Math.round(evaluations[0] * (double) train.count() / seconds));
        if (validation != null) {
            TrainingJob.putMetrics(metrics, "validation", trainer, trainer.evaluate(validation, theta), theta);
        }
        return metrics;
    }
}
