package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Two steps of each rule on θ₀ = (1, -2) with D₁ = (0.5, -1), D₂ = (0.25, 2) (Adam: its own
 * numbers below), worked out by hand in the comments and compared to 1e-12.
 */
class HandComputedStepsTest {

    private static final double[] GRADIENT_1 = {0.5, -1.0};
    private static final double[] GRADIENT_2 = {0.25, 2.0};
    private static final double TOLERANCE = 1e-12;

    private static double[] twoSteps(Optimizer optimizer, double[] theta, double[] first, double[] second) {
        optimizer.step(first, theta);
        optimizer.step(second, theta);
        return theta;
    }

    @Test
    void gradientDescentTakesTheRateOfEachStep() {
        // α = 0.1 from the constructor, then α = 0.5 passed in:
        // θ₁ = (1, -2) - 0.1 (0.5, -1) = (0.95, -1.9)
        // θ₂ = (0.95, -1.9) - 0.5 (0.25, 2) = (0.825, -2.9)
        GradientDescent descent = new GradientDescent(0.1);
        double[] theta = {1.0, -2.0};
        descent.step(GRADIENT_1, theta);
        descent.step(GRADIENT_2, theta, 0.5);
        assertArrayEquals(new double[] {0.825, -2.9}, theta, TOLERANCE);
    }

    @Test
    void momentumMatchesTwoHandSteps() {
        // α = 0.1, μ = 0.9, v₀ = 0.
        // v₁ = 0.9·0 - 0.1 (0.5, -1) = (-0.05, 0.1);            θ₁ = (1, -2) + v₁ = (0.95, -1.9)
        // v₂ = 0.9 (-0.05, 0.1) - 0.1 (0.25, 2)
        //    = (-0.045 - 0.025, 0.09 - 0.2) = (-0.07, -0.11);    θ₂ = (0.95 - 0.07, -1.9 - 0.11) = (0.88, -2.01)
        Momentum momentum = new Momentum(0.1, 0.9);
        double[] theta = twoSteps(momentum, new double[] {1.0, -2.0}, GRADIENT_1, GRADIENT_2);
        assertArrayEquals(new double[] {0.88, -2.01}, theta, TOLERANCE);
        assertArrayEquals(new double[] {-0.07, -0.11}, momentum.state()[0], TOLERANCE);
    }

    @Test
    void nesterovMatchesTwoHandSteps() {
        // α = 0.1, μ = 0.9, v₀ = 0; the velocities are those of momentum, θ moves by μ v - α D.
        // v₁ = (-0.05, 0.1);   θ₁ = (1, -2) + 0.9 (-0.05, 0.1) - 0.1 (0.5, -1)
        //                         = (1 - 0.045 - 0.05, -2 + 0.09 + 0.1) = (0.905, -1.81)
        // v₂ = (-0.07, -0.11); θ₂ = (0.905, -1.81) + 0.9 (-0.07, -0.11) - 0.1 (0.25, 2)
        //                         = (0.905 - 0.063 - 0.025, -1.81 - 0.099 - 0.2) = (0.817, -2.109)
        Nesterov nesterov = new Nesterov(0.1, 0.9);
        double[] theta = twoSteps(nesterov, new double[] {1.0, -2.0}, GRADIENT_1, GRADIENT_2);
        assertArrayEquals(new double[] {0.817, -2.109}, theta, TOLERANCE);
        assertArrayEquals(new double[] {-0.07, -0.11}, nesterov.state()[0], TOLERANCE);
    }

    @Test
    void adamMatchesTwoHandSteps() {
        // α = 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8; θ₀ = (1, -0.5), D₁ = (0.5, -2), D₂ = (-1, -1).
        // t = 1: m = 0.1 D₁ = (0.05, -0.2);  v = 0.001 D₁² = (0.00025, 0.004)
        //        m̂ = m / 0.1 = (0.5, -2);    v̂ = v / 0.001 = (0.25, 4);  √v̂ = (0.5, 2)
        //        step = 0.01 (0.5 / (0.5 + 1e-8), -2 / (2 + 1e-8))
        //             = (0.0099999998000000040, -0.0099999999500000002)
        //        θ₁ = (0.9900000001999999960, -0.4900000000499999998)
        // t = 2: m = 0.9 (0.05, -0.2) + 0.1 (-1, -1) = (-0.055, -0.28)
        //        v = 0.999 (0.00025, 0.004) + 0.001 (1, 1) = (0.00124975, 0.004996)
        //        1 - β1² = 0.19;  1 - β2² = 0.001999
        //        m̂ = (-0.28947368421052631579, -1.47368421052631578947)
        //        v̂ = (0.62518759379689844922, 2.49924962481240620310)
        //        √v̂ = (0.79068805087524779745, 1.58090152280665673445)
        //        step = 0.01 m̂ / (√v̂ + 1e-8) = (-0.00366103522405656428, -0.00932179632914902388)
        //        θ₂ = (0.99366103542405656028, -0.48067820372085097587)
        Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8);
        double[] theta = twoSteps(adam, new double[] {1.0, -0.5}, new double[] {0.5, -2.0}, new double[] {-1.0, -1.0});
        assertArrayEquals(new double[] {0.99366103542405656028, -0.48067820372085097587}, theta, TOLERANCE);
        double[][] state = adam.state();
        assertArrayEquals(new double[] {-0.055, -0.28}, state[0], TOLERANCE);
        assertArrayEquals(new double[] {0.00124975, 0.004996}, state[1], TOLERANCE);
        assertEquals(2.0, state[2][0]);
        assertEquals(2, adam.stepCount());
    }

    @Test
    void adamsFirstStepIsAboutAlphaWhateverTheGradientsScale() {
        // t = 1: m̂ = D, v̂ = D², so the step is α D / (|D| + ε) ≈ α sign(D): 1e6 and 1e-3 move alike.
        double[] theta = {0.0, 0.0};
        new Adam(0.01, 0.9, 0.999, 1e-8).step(new double[] {1e6, -1e-3}, theta);
        assertEquals(-0.01, theta[0], 1e-12);
        assertEquals(0.01 * 1e-3 / (1e-3 + 1e-8), theta[1], 1e-15);
    }
}
