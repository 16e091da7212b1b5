package dev.sparkprop.optim;

/**
 * An update rule Θ := Θ - (a step computed from D). Implementations keep their own state
 * (velocities, moments) and run on the driver, after the gradient has been summed and divided.
 */
public interface Optimizer {

    /** Applies one update to θ in place from the gradient D (same layout). Mutates θ and this optimizer's state. */
    void step(double[] gradient, double[] theta);

    /** The optimizer's state (velocities, moments) for a checkpoint; empty for stateless rules. */
    default double[][] state() {
        return new double[0][];
    }

    /** Restores {@link #state()} from a checkpoint. */
    default void restore(double[][] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("this optimizer keeps no state; the checkpoint has " + state.length
                    + " arrays");
        }
    }
}
