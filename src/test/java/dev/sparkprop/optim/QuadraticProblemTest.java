package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every rule lowers J(θ) = ½ Σ a_p (θ_p - c_p)² with curvatures a = (1, 4, 0.25): a fixed,
 * ill-conditioned bowl with its minimum J = 0 at c.
 */
class QuadraticProblemTest {

    static final double[] CURVATURE = {1.0, 4.0, 0.25};
    static final double[] CENTRE = {1.0, -2.0, 3.0};

    static double cost(double[] theta) {
        double cost = 0.0;
        for (int p = 0; p < theta.length; p++) {
            cost += 0.5 * CURVATURE[p] * (theta[p] - CENTRE[p]) * (theta[p] - CENTRE[p]);
        }
        return cost;
    }

    static void gradientInto(double[] theta, double[] gradient) {
        for (int p = 0; p < theta.length; p++) {
            gradient[p] = CURVATURE[p] * (theta[p] - CENTRE[p]);
        }
    }

    /** Runs {@code steps} steps from θ in place. */
    static void descend(Optimizer optimizer, double[] theta, int steps) {
        double[] gradient = new double[theta.length];
        for (int step = 0; step < steps; step++) {
            gradientInto(theta, gradient);
            optimizer.step(gradient, theta);
        }
    }

    private static void assertLowers(Optimizer optimizer) {
        double[] theta = new double[3];
        double before = cost(theta); // 9.625
        descend(optimizer, theta, 200);
        double after = cost(theta);
        assertTrue(after < 1e-4 * before, optimizer.getClass().getSimpleName() + ": J went from " + before
                + " to " + after);
    }

    @Test
    void gradientDescentLowersTheCost() {
        assertLowers(new GradientDescent(0.1));
    }

    @Test
    void momentumLowersTheCost() {
        assertLowers(new Momentum(0.05, 0.9));
    }

    @Test
    void nesterovLowersTheCost() {
        assertLowers(new Nesterov(0.05, 0.9));
    }

    @Test
    void adamLowersTheCost() {
        assertLowers(new Adam(0.05, 0.9, 0.999, 1e-8));
    }

    @Test
    void momentumBeatsPlainDescentAtTheSameRateAlongTheFlatDirection() {
        // Along a = 0.25, descent shrinks the error by (1 - 0.25 α) per step; momentum's velocity
        // builds up to about 1/(1 - μ) times that pace.
        double[] plain = new double[3];
        double[] heavy = new double[3];
        descend(new GradientDescent(0.05), plain, 100);
        descend(new Momentum(0.05, 0.9), heavy, 100);
        assertTrue(cost(heavy) < cost(plain) / 10, "momentum " + cost(heavy) + " vs descent " + cost(plain));
    }
}
