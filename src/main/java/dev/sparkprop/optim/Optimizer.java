package dev.sparkprop.optim;

/**
 * An update rule Θ := Θ - (a step computed from D). Implementations keep their own state
 * (velocities, moments) and run on the driver, after the gradient has been summed and divided.
 */
public interface Optimizer {

    /** Applies one update to θ in place from the gradient D (same layout). Mutates θ and this optimizer's state. */
    void step(double[] gradient, double[] theta);
}
