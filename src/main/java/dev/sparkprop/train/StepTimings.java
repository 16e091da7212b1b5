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

    void addStep(long broadcast, long job) {
        steps++;
        broadcastNanos += broadcast;
        jobNanos += job;
    }

    void addUpdate(long update) {
        updateNanos += update;
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
