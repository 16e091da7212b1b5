package dev.sparkprop.train;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Output;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The epochs of a training run, step by step from a {@link TrainingPosition}: one Spark job per
 * step, a line and a metrics record per epoch, checkpoints every N steps and/or epochs, early
 * stopping on the validation cost, and the perceptron's convergence check. A run resumed from a
 * checkpoint walks exactly the steps the interrupted run had left, so it ends with the same Θ.
 */
final class EpochLoop {

    private final TrainConfig config;
    private final NetworkSpec spec;
    private final DistributedTrainer trainer;
    private final TrainingSet train;
    private final TrainingSet validation;
    private final PrintStream log;
    private final Checkpoints checkpoints;
    private final Function<double[], Model> modelOf;
    private final MinibatchPlan plan;
    private final List<String> metricsLines = new ArrayList<>();
    private final Map<String, Object> outcome = new LinkedHashMap<>();
    private double trainingSeconds;
    private int epochsRun;

    /**
     * @param checkpoints where to save checkpoints, or null for none
     * @param modelOf the model (class names, scaling, config) around a Θ, for checkpoints
     */
    EpochLoop(TrainConfig config, DistributedTrainer trainer, TrainingSet train, TrainingSet validation,
              PrintStream log, Checkpoints checkpoints, Function<double[], Model> modelOf) {
        this.config = config;
        this.spec = config.network().spec();
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.log = log;
        this.checkpoints = checkpoints;
        this.modelOf = modelOf;
        this.plan = new MinibatchPlan(train.partitionSizes(), config.update().batchSize());
    }

    /** The per-epoch JSON records so far, including those restored from a checkpoint. */
    List<String> metricsLines() {
        return metricsLines;
    }

    /**
     * Trains {@code theta} in place from {@code from} to the end of the last epoch (or an early
     * stop); returns the last epoch's metrics with the final full-pass train metrics.
     */
    Map<String, Object> run(double[] theta, UpdateRule rule, TrainingPosition from, long jobStart) {
        metricsLines.addAll(from.metricsLines());
        trainingSeconds = from.trainingSeconds();
        long globalStep = from.globalStep();
        double loadSeconds = (System.nanoTime() - jobStart) / 1e9; // the ETA counts epochs only
        EarlyStopping stopping = new EarlyStopping(config.stopping(), log);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int epoch = from.epoch(); epoch < config.update().epochs(); epoch++) {
            boolean resumedEpoch = epoch == from.epoch();
            GradientSum running = resumedEpoch ? from.running() : new GradientSum();
            for (int step = resumedEpoch ? from.step() : 0; step < plan.stepsPerEpoch(); step++) {
                long stepStart = System.nanoTime();
                trainer.runStep(train, plan, epoch, step, globalStep, rule, theta, running);
                trainingSeconds += (System.nanoTime() - stepStart) / 1e9;
                globalStep++;
                if (config.checkpoints().steps() > 0 && globalStep % config.checkpoints().steps() == 0) {
                    save(theta, rule, new TrainingPosition(epoch, step + 1, globalStep, running, trainingSeconds,
                            metricsLines));
                }
            }
            epochsRun = epoch + 1;
            metrics = epochMetrics(epoch, running, theta, globalStep);
            metricsLines.add(TrainingSummary.toJson(metrics));
            double elapsed = (System.nanoTime() - jobStart) / 1e9;
            log.println(EpochLine.format(metrics, config.update().epochs(),
                    (elapsed - loadSeconds) / (epoch + 1 - from.epoch()) * (config.update().epochs() - epoch - 1)));
            if (stopping.enabled() && stopping.shouldStop(epoch, (Double) metrics.get("validation_cost"), theta)) {
                break;
            }
            if (perceptronConverged(epoch, running)) {
                break;
            }
            int every = config.checkpoints().epochInterval();
            if (every > 0 && (epoch + 1) % every == 0 && epoch + 1 < config.update().epochs()) {
                save(theta, rule, new TrainingPosition(epoch + 1, 0, globalStep, new GradientSum(),
                        trainingSeconds, metricsLines));
            }
        }
        if (stopping.enabled()) {
            stopping.restoreBest(theta, outcome);
        }
        reportPerceptron(metrics);
        metrics.remove("epoch");
        metrics.remove("elapsed_seconds");
        metrics.put("examples_per_second", Math.round(epochsRun * (double) train.count() / trainingSeconds));
        if (validation != null && stopping.enabled()) {
            // Θ may have gone back to the best epoch's: judge that one.
            TrainingJob.putMetrics(metrics, "validation", trainer, trainer.evaluate(validation, theta), theta);
        }
        metrics.putAll(outcome);
        return metrics;
    }

    /** A perceptron that made no mistake in a whole epoch has converged: stop there. */
    private boolean perceptronConverged(int epoch, GradientSum running) {
        if (spec.output() != Output.STEP || running.correct() != running.count()) {
            return false;
        }
        log.println("sparkprop: the perceptron converged in epoch " + (epoch + 1)
                + ": every training example is classified right");
        outcome.put("converged", true);
        return true;
    }

    private void reportPerceptron(Map<String, Object> last) {
        if (spec.output() != Output.STEP || outcome.containsKey("converged")) {
            return;
        }
        long wrong = Math.round((1 - (Double) last.get("train_accuracy")) * train.count());
        log.println("sparkprop: the perceptron did not converge in " + epochsRun + " epochs: " + wrong + " of "
                + train.count() + " examples are still misclassified (the classes may not be linearly separable)");
        outcome.put("converged", false);
    }

    private Map<String, Object> epochMetrics(int epoch, GradientSum running, double[] theta, long globalStep) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epoch", epoch + 1);
        metrics.put("epochs", epoch + 1);
        metrics.put("steps", globalStep);
        metrics.put("train_cost", TrainingJob.round(trainer.cost(running.cost(), running.count(), theta)));
        if (spec.output().isClassification()) {
            metrics.put("train_accuracy", TrainingJob.round((double) running.correct() / running.count()));
        } else {
            metrics.put("train_rmse", TrainingJob.round(Math.sqrt(2.0 * running.cost() / running.count())));
        }
        if (validation != null) {
            TrainingJob.putMetrics(metrics, "validation", trainer, trainer.evaluate(validation, theta), theta);
        }
        metrics.put("examples_per_second", Math.round((epoch + 1) * (double) train.count() / trainingSeconds));
        metrics.put("elapsed_seconds", TrainingJob.round(trainingSeconds));
        return metrics;
    }

    private void save(double[] theta, UpdateRule rule, TrainingPosition position) {
        if (checkpoints == null) {
            return;
        }
        try {
            checkpoints.save(modelOf.apply(theta), rule.optimizer().state(), position);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint: " + e.getMessage(), e);
        }
    }
}
