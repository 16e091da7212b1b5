package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkprop.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/**
 * L1 on the network 2-2-1: Θ^(1) is 2 x 3 in θ[0..5] with its biases in θ[0..1]; Θ^(2) is 1 x 3
 * in θ[6..8] with its bias in θ[6]. The weights are θ[2..5] and θ[7..8].
 */
class RegularizationTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("2-2:sigmoid-1:sigmoid");
    private static final double[] THETA = {5.0, -5.0, 0.5, -1.5, 0.0, 2.0, 7.0, -0.25, 1.0};

    @Test
    void penaltyIsL1OverMTimesTheAbsoluteWeightsWithoutBiases() {
        // Σ|weights| = 0.5 + 1.5 + 0 + 2 + 0.25 + 1 = 5.25; λ1 = 0.8, m = 4 -> 0.2 · 5.25 = 1.05
        assertEquals(1.05, Regularization.l1Penalty(SPEC, THETA, 0.8, 4), 1e-15);
    }

    @Test
    void gradientAddsL1OverMTimesTheSignOfEachWeightAndLeavesBiases() {
        // λ1/m = 0.2; sign(0) = 0; biases θ[0], θ[1], θ[6] untouched.
        double[] gradient = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Regularization.addL1Into(SPEC, THETA, 0.8, 4, gradient);
        assertArrayEquals(new double[] {1, 1, 1.2, 0.8, 1, 1.2, 1, 0.8, 1.2}, gradient, 1e-15);
    }

    @Test
    void gradientIsTheDerivativeOfThePenaltyAwayFromZero() {
        double[] theta = {5.0, -5.0, 0.5, -1.5, 0.3, 2.0, 7.0, -0.25, 1.0};
        double[] gradient = new double[theta.length];
        Regularization.addL1Into(SPEC, theta, 0.8, 4, gradient);
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += 1e-6;
            minus[p] -= 1e-6;
            double slope = (Regularization.l1Penalty(SPEC, plus, 0.8, 4)
                    - Regularization.l1Penalty(SPEC, minus, 0.8, 4)) / 2e-6;
            assertEquals(slope, gradient[p], 1e-8, SPEC.describeIndex(p));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("l1=-0.1: must be a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> Regularization.l1Penalty(SPEC, THETA, -0.1, 4)).getMessage());
        assertEquals("m=0: the penalty is averaged over m >= 1 examples", assertThrows(IllegalArgumentException.class,
                () -> Regularization.addL1Into(SPEC, THETA, 0.1, 0, new double[9])).getMessage());
        assertEquals("θ has 2 values; network 2-2:sigmoid-1:sigmoid has 9 parameters",
                assertThrows(IllegalArgumentException.class,
                        () -> Regularization.l1Penalty(SPEC, new double[2], 0.1, 4)).getMessage());
    }
}
