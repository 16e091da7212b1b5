package dev.sparkprop.optim;

/**
 * An update rule Θ := Θ + (a step computed from D and the rule's own state). Implementations run
 * on the driver, after the gradient D has been summed over the cluster, divided by m and given
 * its L2 term; they are plain Java and allocate nothing per step (state arrays are sized on the
 * first step and reused).
 *
 * <p>The learning rate α is an argument of every step, so a {@link LearningRateSchedule} can
 * change it between steps; {@link #step(double[], double[])} uses the α the rule was built with.
 *
 * <p>{@link #state()} and {@link #restore(double[][])} carry the rule's state (velocities,
 * moments, step count) through a checkpoint: an optimizer restored from another's state continues
 * bit for bit as the other would have.
 */
public interface Optimizer {

    /** The α this optimizer was built with: the rate of {@link #step(double[], double[])}. */
    double learningRate();

    /**
     * Applies one update to θ in place from the gradient D (same layout, unchanged), with
     * {@code learningRate} as α for this step. Mutates θ and this optimizer's state.
     *
     * @param learningRate α for this step, finite and &gt;= 0 (a schedule may reach 0)
     */
    void step(double[] gradient, double[] theta, double learningRate);

    /** {@link #step(double[], double[], double)} with the α this optimizer was built with. */
    default void step(double[] gradient, double[] theta) {
        step(gradient, theta, learningRate());
    }

    /**
     * A copy of this optimizer's state, one array per quantity; arrays that would match θ are
     * empty until the first step. Restoring it into an optimizer built with the same settings
     * makes that optimizer continue exactly as this one would.
     */
    double[][] state();

    /** Replaces this optimizer's state with a copy of {@code state}, as exported by {@link #state()}. */
    void restore(double[][] state);
}
