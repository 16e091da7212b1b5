package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkprop.optim.GradientDescent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The notes' worked example (Mazur, "A Step by Step Backpropagation Example"): a 2-2-2 sigmoid
 * network with squared error, one example x = (0.05, 0.10), y = (0.01, 0.99), η = 0.5, and the
 * biases held fixed. Every number printed there is checked to its last printed digit.
 */
class WorkedExampleTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("2-2:sigmoid-2:sigmoid/squared");
    private static final double[] X = {0.05, 0.10};
    private static final double[] Y = {0.01, 0.99};

    /** Θ^(1): h1 = (b1, w1, w2), h2 = (b1, w3, w4); Θ^(2): o1 = (b2, w5, w6), o2 = (b2, w7, w8). */
    private static double[] initial() {
        return SPEC.flatten(new double[][][] {
                {{0.35, 0.15, 0.20}, {0.35, 0.25, 0.30}},
                {{0.60, 0.40, 0.45}, {0.60, 0.50, 0.55}}});
    }

    /** Θ^(l)_ij of θ by the notes' indices. */
    private static double weight(double[] theta, int l, int i, int j) {
        return theta[SPEC.thetaIndex(l, i, j)];
    }

    /** |actual - printed| must be within half a unit of the printed value's last digit. */
    private static void assertPrinted(String printed, double actual) {
        BigDecimal value = new BigDecimal(printed);
        double tolerance = value.ulp().doubleValue() / 2;
        assertEquals(value.doubleValue(), actual, tolerance, "printed " + printed);
    }

    private static CostGradient costGradient(double[] theta) {
        Examples data = Examples.fromRows(new double[][] {X}, new double[][] {Y});
        GradientSum sum = new GradientSum();
        new Backprop(SPEC, 1).accumulateInto(theta, data, null, 0, 1, sum);
        return Objective.UNREGULARIZED.costGradient(SPEC, theta, sum);
    }

    /** One gradient step that leaves the biases (column 0 of each Θ) where they are, as the example does. */
    private static void stepWithFixedBiases(double[] theta) {
        double[] gradient = costGradient(theta).gradient();
        for (int l = 1; l < SPEC.layerCount(); l++) {
            for (int i = 1; i <= SPEC.thetaRows(l); i++) {
                gradient[SPEC.thetaIndex(l, i, 0)] = 0.0;
            }
        }
        new GradientDescent(0.5).step(gradient, theta);
    }

    @Test
    void forwardPassMatchesTheExample() {
        Trace trace = new Backprop(SPEC, 1).trace(initial(), X, null);
        assertPrinted("0.593269992", trace.activation(2)[0]);
        assertPrinted("0.596884378", trace.activation(2)[1]);
        assertPrinted("0.75136507", trace.activation(3)[0]);
        assertPrinted("0.772928465", trace.activation(3)[1]);
    }

    @Test
    void errorAndGradientsMatchTheExample() {
        CostGradient result = costGradient(initial());
        assertPrinted("0.298371109", result.cost());
        assertPrinted("0.082167041", result.gradient()[SPEC.thetaIndex(2, 1, 1)]);
        assertPrinted("0.000438568", result.gradient()[SPEC.thetaIndex(1, 1, 1)]);
    }

    @Test
    void oneStepGivesTheEightNewWeights() {
        double[] theta = initial();
        stepWithFixedBiases(theta);
        assertPrinted("0.35891648", weight(theta, 2, 1, 1));  // w5
        assertPrinted("0.408666186", weight(theta, 2, 1, 2)); // w6
        assertPrinted("0.511301270", weight(theta, 2, 2, 1)); // w7
        assertPrinted("0.561370121", weight(theta, 2, 2, 2)); // w8
        assertPrinted("0.149780716", weight(theta, 1, 1, 1)); // w1
        assertPrinted("0.19956143", weight(theta, 1, 1, 2));  // w2
        assertPrinted("0.24975114", weight(theta, 1, 2, 1));  // w3
        assertPrinted("0.29950229", weight(theta, 1, 2, 2));  // w4
        assertEquals(0.35, weight(theta, 1, 1, 0));
        assertEquals(0.60, weight(theta, 2, 2, 0));
    }

    @Test
    void errorAfterOneAndTenThousandSteps() {
        double[] theta = initial();
        stepWithFixedBiases(theta);
        // The example prints 0.291027924 here and 0.0000351085, 0.015912196, 0.984065734 below;
        // recomputing from its own printed weights gives these values (README, Lab 2: the erratum).
        assertPrinted("0.29102777", costGradient(theta).cost());
        for (int step = 1; step < 10_000; step++) {
            stepWithFixedBiases(theta);
        }
        assertPrinted("3.5101878e-05", costGradient(theta).cost());
        double[] outputs = new Backprop(SPEC, 1).predict(theta, X);
        assertPrinted("0.01591362", outputs[0]);
        assertPrinted("0.98406427", outputs[1]);
    }

    /**
     * Where the notes' own numbers after step 1 and step 10,000 come from: δ^(2) computed with the
     * output weights already moved (w5⁺..w8⁺ in place of w5..w8), so the two layers' gradients are
     * taken at different Θ. That reproduces 0.291027924 and both printed outputs to the last digit;
     * E is then 3.5084786e-05, printed in the notes as 0.0000351085.
     */
    @Test
    void theNotesNumbersComeFromHiddenDeltasWithTheOutputWeightsAlreadyMoved() {
        double[] theta = initial();
        stepWithStaleOrder(theta);
        assertPrinted("0.291027924", costGradient(theta).cost());
        for (int step = 1; step < 10_000; step++) {
            stepWithStaleOrder(theta);
        }
        double[] outputs = new Backprop(SPEC, 1).predict(theta, X);
        assertPrinted("0.015912196", outputs[0]);
        assertPrinted("0.984065734", outputs[1]);
        assertPrinted("3.5084786e-05", costGradient(theta).cost());
    }

    /**
     * The stale order, biases fixed: Θ^(2) moves first, then Θ^(1) by the gradient at the moved
     * Θ^(2) (the forward pass, and so a^(2) and g'(z^(2)), still at the old Θ^(1)).
     */
    private static void stepWithStaleOrder(double[] theta) {
        Trace trace = new Backprop(SPEC, 1).trace(theta, X, Y);
        double[] a2 = trace.activation(2);
        double[] delta3 = trace.error(3);
        for (int i = 1; i <= 2; i++) {
            for (int j = 1; j <= 2; j++) {
                theta[SPEC.thetaIndex(2, i, j)] -= 0.5 * delta3[i - 1] * a2[j - 1];
            }
        }
        for (int j = 1; j <= 2; j++) {
            double back = 0;
            for (int i = 1; i <= 2; i++) {
                back += theta[SPEC.thetaIndex(2, i, j)] * delta3[i - 1];
            }
            double delta2 = back * a2[j - 1] * (1 - a2[j - 1]);
            for (int k = 1; k <= 2; k++) {
                theta[SPEC.thetaIndex(1, j, k)] -= 0.5 * delta2 * X[k - 1];
            }
        }
    }
}
