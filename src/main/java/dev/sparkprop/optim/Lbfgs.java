package dev.sparkprop.optim;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) through Breeze 2.1's
 * {@code breeze.optimize.LBFGS}, the implementation Spark MLlib uses. Each iteration builds a
 * quasi-Newton direction from the last {@code memory} pairs (Δθ, Δ∇J), which approximate the
 * inverse Hessian, then a strong-Wolfe line search picks the step length; there is no learning
 * rate. It needs the full-batch cost and gradient: a minibatch's noise breaks the curvature pairs
 * and the line search. A line search takes one or more evaluations of J, so
 * {@link IterationListener} reports evaluations (Spark jobs) separately from iterations.
 *
 * <p>Breeze stops at the first of: {@code maxIterations} iterations; J changing by at most
 * {@code tolerance} · |J(θ₀)| over the last 20 iterations; ‖∇J‖ ≤ max(tolerance · |J|, 1e-8); or a
 * line search failing twice in a row. The Scala side lives in {@code BreezeAdapter.scala}.
 */
public final class Lbfgs {

    /** Told about each iteration as it ends. */
    @FunctionalInterface
    public interface IterationListener {
        /**
         * @param iteration 0 for the starting point, then 1, 2, ...
         * @param cost J at the iteration's θ
         * @param evaluations evaluations of J so far, this iteration's included
         */
        void onIteration(int iteration, double cost, int evaluations);
    }

    private final int maxIterations;
    private final int memory;
    private final double tolerance;

    /**
     * @param maxIterations the most iterations, ≥ 1
     * @param memory m, the number of (Δθ, Δ∇J) pairs kept, ≥ 1 (3 to 20 is usual; Breeze's default is 7)
     * @param tolerance the relative convergence tolerance, finite and &gt; 0 (e.g. 1e-6)
     */
    public Lbfgs(int maxIterations, int memory, double tolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("lbfgs-iterations=" + maxIterations + ": must be >= 1");
        }
        checkSettings(memory, tolerance);
        this.maxIterations = maxIterations;
        this.memory = memory;
        this.tolerance = tolerance;
    }

    /** Checks the {@code lbfgs-memory} and {@code lbfgs-tolerance} keys, as the constructor does. */
    public static void checkSettings(int memory, double tolerance) {
        if (memory < 1) {
            throw new IllegalArgumentException("lbfgs-memory=" + memory + ": must be >= 1");
        }
        if (!(tolerance > 0 && Double.isFinite(tolerance))) {
            throw new IllegalArgumentException("lbfgs-tolerance=" + tolerance + ": must be a finite number > 0");
        }
    }

    /**
     * Minimizes {@code function} from {@code initial} (not modified) and returns the last θ.
     * {@code listener} hears every iteration, the starting point first.
     */
    public double[] minimize(CostFunction function, double[] initial, IterationListener listener) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(listener, "listener");
        if (initial.length == 0 || !Arrays.stream(initial).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("the initial θ must be non-empty and finite; got "
                    + initial.length + " values" + (initial.length == 0 ? "" : " with a non-finite one"));
        }
        Iterator<LbfgsIteration> iterations =
                BreezeAdapter.lbfgsIterations(function, initial, maxIterations, memory, tolerance);
        LbfgsIteration last = null;
        while (iterations.hasNext()) {
            last = iterations.next();
            listener.onIteration(last.iteration(), last.cost(), last.evaluations());
        }
        return last.theta();
    }
}
