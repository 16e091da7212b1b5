package dev.sparkprop.train;

/**
 * Where the wall time of training steps goes, measured on the driver: creating the Θ broadcast,
 * the Spark job (executor compute, aggregation and scheduling), and the optimizer's update.
 * Executor compute itself is summed inside the tasks ({@code GradientSum.computeNanos}).
 */
public final class StepTimings {

    private long steps;
    private long broadcastNanos;
    private long jobNanos;
    private long updateNanos;
    private long computeNanos;
    private long slowestComputeNanos;

    /** Records one step: nanoseconds creating its Θ broadcast and running its job. */
    public void addStep(long broadcast, long job) {
        steps++;
        broadcastNanos += broadcast;
        jobNanos += job;
    }

    /** Records nanoseconds of one optimizer update on the driver. */
    public void addUpdate(long update) {
        updateNanos += update;
    }

    /** Records one step's compute: summed over the partitions, and its slowest partition's. */
    public void addCompute(long total, long slowest) {
        computeNanos += total;
        slowestComputeNanos += slowest;
    }

    /** Seconds the tasks spent in forward and backward passes, over all partitions. */
    public double computeSeconds() {
        return computeNanos / 1e9;
    }

    /**
     * Seconds of the slowest partition's compute, summed over steps: what the steps could not be
     * shorter than. Job time minus this is the overhead of scheduling, shipping and aggregating.
     */
    public double slowestComputeSeconds() {
        return slowestComputeNanos / 1e9;
    }

    /** Steps (Spark jobs) timed so far. */
    public long steps() {
        return steps;
    }

    /** Seconds spent creating broadcasts. */
    public double broadcastSeconds() {
        return broadcastNanos / 1e9;
    }

    /** Seconds spent in the step jobs. */
    public double jobSeconds() {
        return jobNanos / 1e9;
    }

    /** Seconds spent in optimizer updates on the driver. */
    public double updateSeconds() {
        return updateNanos / 1e9;
    }
}
