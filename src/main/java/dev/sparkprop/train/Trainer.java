package dev.sparkprop.train;

import dev.sparkprop.nn.BatchNorm;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.Output;
import dev.sparkprop.optim.Optimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training loop, the only one, over any {@link GradientSource} (one JVM or Spark). Per step:
 *
 * <ol>
 *   <li>the plan names the step's examples ({@link MinibatchPlan}, {@link Minibatch});</li>
 *   <li>the source returns their raw sums at Θ ({@link GradientSource#sums});</li>
 *   <li>the objective divides once by the true counts: D = Δ/b + (λ/m)Θ + (λ1/m)sign(Θ), b the
 *       step's examples and m the training set's, so λ means the notes' λ at every batch size
 *       ({@link Objective});</li>
 *   <li>the update rule clips, takes α from the schedule and moves Θ ({@link UpdateRule});</li>
 *   <li>batch-normalized layers' running mean and variance in Θ move towards the step's batch
 *       statistics ({@link BatchNorm#updateRunningStatistics}); the rule never moves them, since
 *       their D is 0;</li>
 * </ol>
 * and per epoch: typed metrics ({@link EpochMetrics}) with the validation set judged at the
 * epoch's Θ (by its data cost: the penalty is the training J's), a console line, checkpoints every
 * N steps and/or epochs, early stopping, the stop on convergence ({@code tol}), the perceptron's
 * convergence check, and a warning when the cost diverges ({@link DivergenceWatch}). A run resumed
 * from a checkpoint walks exactly the steps the
 * interrupted run had left, so it ends with the same Θ. L-BFGS runs its own iterations over the
 * same source ({@link LbfgsLoop}).
 */
public final class Trainer {

    private final TrainConfig config;
    private final NetworkSpec spec;
    private final Objective objective;
    private final PrintStream log;
    private final boolean fixedBiases;
    private final TrainingListener listener;

    /** @param log where the per-epoch lines and notices go */
    public Trainer(TrainConfig config, PrintStream log) {
        this(config, log, TrainingListener.NONE);
    }

    /**
     * @param log where the per-epoch lines and notices go
     * @param listener hears every step and epoch as the loop runs (the live page)
     */
    public Trainer(TrainConfig config, PrintStream log, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
        this.spec = config.network().spec();
        this.objective = new Objective(config.update().lambda(), config.update().l1());
        this.log = log;
        this.fixedBiases = config.get(ConfigKeys.FIXED_BIASES);
    }

    /**
     * Trains {@code theta} in place on {@code train} to the end of the last epoch (or an early
     * stop), judging {@code validation} (may be null) after every epoch; with a {@code resume}
     * directory in the config, starts from its newest checkpoint.
     *
     * @param checkpoints where checkpoints are saved and resumed from, or null for none
     */
    public TrainingResult train(double[] theta, GradientSource train, GradientSource validation,
                                Checkpoints checkpoints) throws IOException {
        if (objective.isRegularized()) {
            log.println("sparkprop: \"cost\" is J on the training set, the data cost plus the penalty (lambda and l1"
                    + " over its " + train.count() + " examples)" + (validation == null ? ""
                    : "; \"val cost\" is the validation data cost, without it"));
        }
        if (config.update().isLbfgs()) {
            return new LbfgsLoop(config.update(), config.stopping().tolerance(), this, log, listener)
                    .run(theta, train, validation);
        }
        UpdateRule rule = new UpdateRule(config.update());
        TrainingPosition from = config.checkpoints().resume() == null ? TrainingPosition.start()
                : resume(checkpoints, theta, rule.optimizer(), train.count());
        return new Epochs(theta, train, validation, checkpoints, rule, from).run();
    }

    /** Judges θ on a held-out set ({@code data}: validation): its data cost and accuracy or RMSE. */
    PassMetrics judge(GradientSource data, double[] theta) {
        return PassMetrics.ofDataCost(data.evaluate(theta));
    }

    /**
     * The metrics of θ from evaluation sums over the whole training set: the cost is the notes' J,
     * the data cost plus this run's L2 and L1 terms over the training set's m = {@code sums.count()}.
     */
    public PassMetrics judgeTraining(MetricSum sums, double[] theta) {
        return PassMetrics.of(sums, objective.cost(spec, theta, sums.costSum(), sums.count()));
    }

    /**
     * J and D at θ from a step's raw sums: Δ divided by the step's b, λ and λ1 by the training
     * set's m; with {@code fixed-biases}, D of every bias (column 0 of each Θ^(l)) is 0, so every
     * update rule leaves the biases alone.
     */
    CostGradient costGradient(GradientSum sum, double[] theta, long trainingCount) {
        CostGradient costGradient = objective.costGradient(spec, theta, sum, trainingCount);
        if (fixedBiases) {
            for (int l = 1; l < spec.layerCount(); l++) {
                Arrays.fill(costGradient.gradient(), spec.thetaOffset(l), spec.weightOffset(l), 0.0);
            }
        }
        return costGradient;
    }

    /** Loads the newest readable checkpoint into θ and the optimizer; returns where to go on from. */
    private TrainingPosition resume(Checkpoints checkpoints, double[] theta, Optimizer optimizer, long trainingCount)
            throws IOException {
        Checkpoints.Restored restored = checkpoints.latest(log).orElseThrow(() -> new IllegalArgumentException(
                "resume=" + config.checkpoints().resume() + ": no readable checkpoint in that directory"));
        restored.checkCompatible(config, config.checkpoints().resume());
        restored.checkPenaltyRule(config, trainingCount, config.checkpoints().resume());
        System.arraycopy(restored.model().theta(), 0, theta, 0, theta.length);
        optimizer.restore(restored.optimizerState());
        TrainingPosition position = restored.position();
        log.println("sparkprop: resuming at epoch " + (position.epoch() + 1) + ", step " + (position.step() + 1)
                + " (global step " + position.globalStep() + ")");
        return position;
    }

    /** One run of epochs from a position: the loop's state lives here, not in the Trainer. */
    private final class Epochs {
        private final double[] theta;
        private final GradientSource train;
        private final GradientSource validation;
        private final Checkpoints checkpoints;
        private final UpdateRule rule;
        private final TrainingPosition from;
        private final MinibatchPlan plan;
        private final List<String> metricsLines = new ArrayList<>();
        private final DivergenceWatch divergence = new DivergenceWatch(log, config.text(ConfigKeys.LEARNING_RATE));
        private double trainingSeconds;

        Epochs(double[] theta, GradientSource train, GradientSource validation, Checkpoints checkpoints,
               UpdateRule rule, TrainingPosition from) {
            this.theta = theta;
            this.train = train;
            this.validation = validation;
            this.checkpoints = checkpoints;
            this.rule = rule;
            this.from = from;
            this.plan = new MinibatchPlan(train.partitionSizes(), config.update().batchSize());
        }

        TrainingResult run() throws IOException {
            metricsLines.addAll(from.metricsLines());
            trainingSeconds = from.trainingSeconds();
            long globalStep = from.globalStep();
            long loopStart = System.nanoTime(); // the ETA counts this run's epochs only
            EarlyStopping stopping = new EarlyStopping(config.stopping(), log);
            EpochMetrics last = null;
            EpochMetrics previous = null; // for tol: the epoch before last
            Boolean converged = null;
            int epochsRun = from.epoch();
            for (int epoch = from.epoch(); epoch < config.update().epochs(); epoch++) {
                boolean resumedEpoch = epoch == from.epoch();
                GradientSum running = resumedEpoch ? from.running() : new GradientSum();
                for (int step = resumedEpoch ? from.step() : 0; step < plan.stepsPerEpoch(); step++) {
                    long stepStart = System.nanoTime();
                    step(epoch, step, globalStep, running);
                    trainingSeconds += (System.nanoTime() - stepStart) / 1e9;
                    globalStep++;
                    if (config.checkpoints().steps() > 0 && globalStep % config.checkpoints().steps() == 0) {
                        save(new TrainingPosition(epoch, step + 1, globalStep, running, trainingSeconds, metricsLines));
                    }
                }
                epochsRun = epoch + 1;
                last = epochMetrics(epoch, running, globalStep);
                metricsLines.add(last.toJson());
                double perEpoch = (System.nanoTime() - loopStart) / 1e9 / (epoch + 1 - from.epoch());
                log.println(last.line(config.update().epochs(), perEpoch * (config.update().epochs() - epoch - 1)));
                listener.epochDone(last, config.update().epochs(), theta);
                if (spec.output() != Output.STEP) { // the perceptron's rule has no α to blame
                    divergence.epoch(epoch, last.train().cost());
                }
                // The rounded cost, as printed and stored: what a reader of metrics.jsonl can check.
                if (stopping.enabled() && stopping.shouldStop(epoch, PassMetrics.round(last.validation().cost()), theta)) {
                    break;
                }
                if (previous != null && config.stopping().converged(previous.train().cost(), last.train().cost())) {
                    log.println("sparkprop: converged in epoch " + (epoch + 1) + ": the training cost went from "
                            + previous.train().cost() + " to " + last.train().cost() + ", an improvement of less than"
                            + " tol=" + config.text(ConfigKeys.TOL) + " of it");
                    break;
                }
                previous = last;
                if (spec.output() == Output.STEP && running.correct() == running.count()) {
                    log.println("sparkprop: the perceptron converged in epoch " + (epoch + 1)
                            + ": every training example is classified right");
                    converged = true;
                    break;
                }
                int every = config.checkpoints().epochInterval();
                if (every > 0 && (epoch + 1) % every == 0 && epoch + 1 < config.update().epochs()) {
                    save(new TrainingPosition(epoch + 1, 0, globalStep, new GradientSum(), trainingSeconds,
                            metricsLines));
                }
            }
            if (stopping.enabled()) {
                stopping.restoreBest(theta);
            }
            if (spec.output() == Output.STEP && converged == null) {
                converged = false;
                long wrong = Math.round((1 - last.train().accuracy()) * train.count());
                log.println("sparkprop: the perceptron did not converge in " + epochsRun + " epochs: " + wrong + " of "
                        + train.count() + " examples are still misclassified (the classes may not be linearly"
                        + " separable)");
            }
            // With early stopping Θ may have gone back to the best epoch's: judge that one.
            PassMetrics judged = validation == null ? null
                    : stopping.enabled() ? judge(validation, theta) : last.validation();
            return new TrainingResult(metricsLines, epochsRun, globalStep, last == null ? null : last.train(), judged,
                    Math.round(epochsRun * (double) train.count() / trainingSeconds),
                    stopping.enabled() ? stopping.stopped() : null, stopping.enabled() ? stopping.bestEpoch() : null,
                    converged);
        }

        /** Step {@code step} of {@code epoch}: sums, J and D, the update; adds what the step saw into {@code running}. */
        private void step(int epoch, int step, long globalStep, GradientSum running) {
            GradientSum sum = train.sums(theta, Minibatch.step(plan, epoch, step, globalStep));
            CostGradient costGradient = costGradient(sum, theta, train.count());
            if (!Double.isFinite(costGradient.cost())) {
                throw new ArithmeticException("the cost became " + costGradient.cost() + " in epoch " + (epoch + 1)
                        + ", step " + (step + 1) + "; training stopped and no model was written."
                        + " Lower the learning rate or scale the features");
            }
            if (spec.output() != Output.STEP) {
                divergence.step(epoch, step, costGradient.cost());
            }
            running.addExamples(sum.cost(), sum.count());
            running.addCorrect(sum.correct());
            long start = System.nanoTime();
            double learningRate = rule.apply(costGradient, globalStep, theta);
            if (spec.hasNormalization()) {
                // D is 0 at μ̄, σ̄², so the rule left them; they follow the step's batch statistics.
                BatchNorm.updateRunningStatistics(spec, sum.statistics(), sum.count(), theta);
            }
            train.timings().addUpdate(System.nanoTime() - start);
            listener.stepDone(epoch, step, plan.stepsPerEpoch(), globalStep + 1, costGradient.cost(), learningRate,
                    train.timings());
        }

        /**
         * The epoch as its steps saw it: their mean data cost, each at its own Θ, plus the penalty
         * at the epoch's final Θ (over the training set's m): a running estimate of J; the exact J
         * at the final Θ comes from a full pass ({@link #judgeTraining}).
         */
        private EpochMetrics epochMetrics(int epoch, GradientSum running, long globalStep) {
            double cost = objective.cost(spec, theta, running.cost(), running.count(), train.count());
            PassMetrics seen = spec.output().isClassification()
                    ? new PassMetrics(cost, (double) running.correct() / running.count(), Double.NaN)
                    : new PassMetrics(cost, Double.NaN, Math.sqrt(2.0 * running.cost() / running.count()));
            return new EpochMetrics(epoch + 1, globalStep, seen, validation == null ? null : judge(validation, theta),
                    Math.round((epoch + 1) * (double) train.count() / trainingSeconds), trainingSeconds, false);
        }

        private void save(TrainingPosition position) throws IOException {
            if (checkpoints != null) {
                checkpoints.save(theta, rule.optimizer().state(), position);
            }
        }
    }
}
