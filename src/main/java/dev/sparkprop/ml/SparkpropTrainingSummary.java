package dev.sparkprop.ml;

import dev.sparkprop.train.EpochMetrics;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.StepTimings;
import dev.sparkprop.train.TrainingResult;
import java.util.List;

/**
 * How a {@code fit} went: the figures the {@code train} command prints, taken from the same
 * training loop ({@link TrainingResult}), not computed again. A model has one right after
 * {@code fit} ({@code model.hasSummary()}, {@code model.summary()}); a model built from a saved
 * one has none.
 *
 * <pre>
 *   history()            one EpochMetrics per epoch (L-BFGS: iteration), as metrics.jsonl has them:
 *                        epoch, steps, train cost (J, with the penalty) and accuracy or RMSE,
 *                        validation data cost and accuracy or RMSE (with a validation set),
 *                        training seconds so far
 *   objectiveHistory()   the training J per epoch (Spark's name for it): the epoch's steps' data
 *                        cost, each at its own Θ, plus the penalty at the epoch's end
 *   totalIterations()    epochs (L-BFGS: iterations) run
 *   stoppedEarly()       whether early stopping ended the run before maxIter
 *   bestEpoch()          the epoch whose Θ the model holds
 *   train()              the final Θ on the whole training set: the CLI summary's train_*; its
 *                        cost is the J training minimized (data cost + λ/(2m) ΣΘ² + (λ1/m) Σ|Θ|,
 *                        m the training examples)
 *   trainDataCost()      the final Θ's data cost on the training set, without the penalty
 *   validation()         the final Θ on the validation set, or null without one; its cost is the
 *                        data cost, without the penalty
 *   timings()            where the step time went: broadcast, Spark jobs, compute, updates
 * </pre>
 *
 * The per-epoch figures are rounded to six places, as printed; the final ones are not.
 */
public final class SparkpropTrainingSummary {

    private final TrainingResult result;
    private final PassMetrics train;
    private final double trainDataCost;
    private final StepTimings timings;
    private final List<EpochMetrics> history;

    SparkpropTrainingSummary(TrainingResult result, PassMetrics train, double trainDataCost, StepTimings timings) {
        this.result = result;
        this.train = train;
        this.trainDataCost = trainDataCost;
        this.timings = timings;
        this.history = result.history();
    }

    /** One entry per epoch (L-BFGS: per iteration), from the first. */
    public List<EpochMetrics> history() {
        return history;
    }

    /** The training J after each epoch (its steps' data cost plus the penalty), Spark's objective history. */
    public double[] objectiveHistory() {
        return history.stream().mapToDouble(epoch -> epoch.train().cost()).toArray();
    }

    /** Epochs (L-BFGS: iterations) run. */
    public int totalIterations() {
        return result.epochs();
    }

    /** Whether early stopping's patience ran out before {@code maxIter}. */
    public boolean stoppedEarly() {
        return Boolean.TRUE.equals(result.stoppedEarly());
    }

    /** The epoch whose Θ the model holds, from 1: the best one with early stopping, else the last. */
    public int bestEpoch() {
        return result.bestEpoch() != null ? result.bestEpoch() : result.epochs();
    }

    /** The final Θ judged on the whole training set: the J it minimized (with the penalty) and accuracy or RMSE. */
    public PassMetrics train() {
        return train;
    }

    /**
     * The final Θ's data cost on the whole training set, without the penalty: {@code train().cost()}
     * minus λ/(2m) ΣΘ² + (λ1/m) Σ|Θ|, to compare with {@code validation().cost()}.
     */
    public double trainDataCost() {
        return trainDataCost;
    }

    /** The final Θ judged on the validation set (its data cost, no penalty), or null when the fit had none. */
    public PassMetrics validation() {
        return result.validation();
    }

    /** Where the training steps' time went, measured on the driver. */
    public StepTimings timings() {
        return timings;
    }

    /** Gradient steps (L-BFGS: cost evaluations) taken. */
    public long steps() {
        return result.steps();
    }
}
