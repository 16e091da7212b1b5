package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** L-BFGS through Breeze on problems whose minimum is known in closed form. */
class LbfgsTest {

    /** Rosenbrock's valley, J(x, y) = (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1). */
    private static double rosenbrock(double[] theta, double[] gradient) {
        double x = theta[0];
        double y = theta[1];
        gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        gradient[1] = 200 * (y - x * x);
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    /**
     * Logistic regression h = σ(w0 + w1 x) with the cross-entropy cost, on 8 examples: at x = +1
     * three have y = 1 and one y = 0; at x = -1 one has y = 1 and three y = 0. The model can fit
     * each group's frequency exactly, so the minimum has σ(w0 + w1) = 3/4 and σ(w0 - w1) = 1/4:
     * w0 + w1 = ln 3, w0 - w1 = -ln 3, so w0 = 0, w1 = ln 3, and
     * J = -(¾ ln ¾ + ¼ ln ¼) = ln 4 - ¾ ln 3 = 0.5623351446188083.
     */
    private static double logistic(double[] theta, double[] gradient) {
        double[] xs = {1, 1, 1, 1, -1, -1, -1, -1};
        double[] ys = {1, 1, 1, 0, 1, 0, 0, 0};
        double cost = 0.0;
        gradient[0] = 0.0;
        gradient[1] = 0.0;
        for (int i = 0; i < xs.length; i++) {
            double z = theta[0] + theta[1] * xs[i];
            cost += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[i] * z; // ln(1 + e^z) - y z
            double error = 1 / (1 + Math.exp(-z)) - ys[i];
            gradient[0] += error / xs.length;
            gradient[1] += error * xs[i] / xs.length;
        }
        return cost / xs.length;
    }

    private record Report(int iteration, double cost, int evaluations) {
    }

    @Test
    void findsTheMinimumOfRosenbrocksValley() {
        double[] initial = {-1.2, 1.0};
        int[] calls = {0};
        List<Report> reports = new ArrayList<>();
        double[] minimum = new Lbfgs(500, 7, 1e-12).minimize((theta, gradient) -> {
            calls[0]++;
            return rosenbrock(theta, gradient);
        }, initial, (iteration, cost, evaluations) -> reports.add(new Report(iteration, cost, evaluations)));

        assertArrayEquals(new double[] {1.0, 1.0}, minimum, 1e-6);
        assertArrayEquals(new double[] {-1.2, 1.0}, initial, 0.0);
        // The starting point first: J(-1.2, 1) = 2.2² + 100 · 0.44² = 24.2, one evaluation.
        Report first = reports.get(0);
        assertEquals(0, first.iteration());
        assertEquals(24.2, first.cost(), 1e-12);
        assertEquals(1, first.evaluations());
        for (int k = 1; k < reports.size(); k++) {
            assertTrue(reports.get(k).iteration() >= reports.get(k - 1).iteration(), "iterations go forward");
            assertTrue(reports.get(k).evaluations() > reports.get(k - 1).evaluations(), "each iteration evaluates");
        }
        Report last = reports.get(reports.size() - 1);
        assertEquals(calls[0], last.evaluations());
        assertTrue(last.cost() < 1e-12, "J = " + last.cost());
        assertTrue(last.iteration() > 10 && last.iteration() < 500, "took " + last.iteration() + " iterations");
    }

    @Test
    void fitsATinyLogisticRegressionToItsClosedFormMinimum() {
        double[] fitted = new Lbfgs(100, 5, 1e-12).minimize(LbfgsTest::logistic, new double[] {0.5, -0.5},
                (iteration, cost, evaluations) -> { });
        assertEquals(0.0, fitted[0], 1e-6);
        assertEquals(Math.log(3), fitted[1], 1e-6);
        assertEquals(Math.log(4) - 0.75 * Math.log(3), logistic(fitted, new double[2]), 1e-12);
    }

    @Test
    void stopsAtTheIterationLimit() {
        List<Integer> iterations = new ArrayList<>();
        new Lbfgs(3, 7, 1e-12).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1.0},
                (iteration, cost, evaluations) -> iterations.add(iteration));
        assertEquals(List.of(0, 1, 2, 3), iterations);
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("lbfgs-iterations=0: must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0, 7, 1e-6)).getMessage());
        assertEquals("lbfgs-memory=0: must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs(10, 0, 1e-6)).getMessage());
        assertEquals("lbfgs-tolerance=0.0: must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs(10, 7, 0)).getMessage());
        assertEquals("the initial θ must be non-empty and finite; got 2 values with a non-finite one",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs(10, 7, 1e-6)
                        .minimize(LbfgsTest::rosenbrock, new double[] {Double.NaN, 1}, (i, c, e) -> { })).getMessage());
    }
}
