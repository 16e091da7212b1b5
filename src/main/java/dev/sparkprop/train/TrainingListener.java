package dev.sparkprop.train;

/**
 * Who watches the one training loop as it runs (the live page, {@code ui/}): the {@link Trainer}
 * calls it after every step and every epoch, on the driver's thread, between the steps. A
 * listener must return at once and copy what it keeps: Θ and the timings go on changing after the
 * call. {@link #NONE} is the default, and costs a virtual call per step.
 */
public interface TrainingListener {

    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Step {@code step} (from 0) of epoch {@code epoch} (from 0) is done.
     *
     * @param stepsPerEpoch the steps of every epoch
     * @param globalStep the step's number since the run began, from 1
     * @param cost J of the step's batch, at the Θ it started from
     * @param learningRate the α the schedule gave this step
     * @param timings where the steps' time went so far (totals, still growing)
     */
    default void stepDone(int epoch, int step, int stepsPerEpoch, long globalStep, double cost, double learningRate,
                          StepTimings timings) {
    }

    /**
     * An epoch (or an L-BFGS iteration) is done: its {@code metrics.jsonl} line, the epochs the
     * run was asked for, and Θ at its end (read it now: the next step writes it; null for L-BFGS,
     * which keeps its iterate to itself).
     */
    default void epochDone(EpochMetrics metrics, int epochs, double[] theta) {
    }
}
