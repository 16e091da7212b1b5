package dev.sparkprop.train;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.Optimizer;
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
 * step, a line and a metrics record per epoch, and checkpoints every N steps and/or epochs. A
 * run resumed from a checkpoint walks exactly the steps the interrupted run had left, so it ends
 * with the same Θ, bit for bit.
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
    private double trainingSeconds;

    /**
     * @param checkpoints where to save checkpoints, or null for none
     * @param modelOf the model (class names, scaling, config) around a Θ, for checkpoints
     */
    EpochLoop(TrainConfig config, DistributedTrainer trainer, TrainingSet train, TrainingSet validation,
              PrintStream log, Checkpoints checkpoints, Function<double[], Model> modelOf) {
        this.config = config;
        this.spec = config.networkSpec();
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.log = log;
        this.checkpoints = checkpoints;
        this.modelOf = modelOf;
        this.plan = new MinibatchPlan(train.partitionSizes(), config.batchSize());
    }

    /** The per-epoch JSON records so far, including those restored from a checkpoint. */
    List<String> metricsLines() {
        return metricsLines;
    }

    /**
     * Trains {@code theta} in place from {@code from} to the end of the last epoch; returns the
     * last epoch's metrics, with the final full-pass train metrics.
     */
    Map<String, Object> run(double[] theta, Optimizer optimizer, TrainingPosition from, long jobStart) {
        metricsLines.addAll(from.metricsLines());
        trainingSeconds = from.trainingSeconds();
        long globalStep = from.globalStep();
        double loadSeconds = (System.nanoTime() - jobStart) / 1e9; // the ETA counts epochs only
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int epoch = from.epoch(); epoch < config.epochs(); epoch++) {
            boolean resumedEpoch = epoch == from.epoch();
            GradientSum running = resumedEpoch ? from.running() : new GradientSum();
            for (int step = resumedEpoch ? from.step() : 0; step < plan.stepsPerEpoch(); step++) {
                long stepStart = System.nanoTime();
                trainer.runStep(train, plan, epoch, step, optimizer, theta, running);
                trainingSeconds += (System.nanoTime() - stepStart) / 1e9;
                globalStep++;
                if (config.checkpointSteps() > 0 && globalStep % config.checkpointSteps() == 0) {
                    save(theta, optimizer, new TrainingPosition(epoch, step + 1, globalStep, running, trainingSeconds,
                            metricsLines));
                }
            }
            metrics = epochMetrics(epoch, running, theta, globalStep);
            metricsLines.add(TrainingSummary.toJson(metrics));
            double elapsed = (System.nanoTime() - jobStart) / 1e9;
            int done = epoch + 1 - from.epoch();
            log.println(EpochLine.format(metrics, config.epochs(),
                    (elapsed - loadSeconds) / done * (config.epochs() - epoch - 1)));
            int every = config.checkpointEpochInterval();
            if (every > 0 && (epoch + 1) % every == 0 && epoch + 1 < config.epochs()) {
                save(theta, optimizer, new TrainingPosition(epoch + 1, 0, globalStep, new GradientSum(),
                        trainingSeconds, metricsLines));
            }
        }
        metrics.remove("epoch");
        metrics.remove("elapsed_seconds");
        metrics.put("examples_per_second", Math.round(config.epochs() * (double) train.count() / trainingSeconds));
        TrainingJob.putMetrics(metrics, "train", trainer, trainer.evaluate(train, theta), theta);
        return metrics;
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

    private void save(double[] theta, Optimizer optimizer, TrainingPosition position) {
        if (checkpoints == null) {
            return;
        }
        try {
            checkpoints.save(modelOf.apply(theta), optimizer.state(), position);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint: " + e.getMessage(), e);
        }
    }
}
