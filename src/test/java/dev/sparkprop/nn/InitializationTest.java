package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitializationTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("400-200:relu-100:relu-10:softmax");

    @Test
    void sameSeedSameTheta() {
        Initialization init = Initialization.parse("he");
        assertArrayEquals(init.initialize(SPEC, 42), init.initialize(SPEC, 42));
        assertFalse(Arrays.equals(init.initialize(SPEC, 42), init.initialize(SPEC, 43)));
    }

    @Test
    void uniformStaysWithinEpsilonAndFillsIt() {
        double[] theta = Initialization.course().initialize(SPEC, 1);
        double max = Arrays.stream(theta).map(Math::abs).max().orElseThrow();
        assertTrue(max <= 0.12 && max > 0.119, "max |Θ| = " + max);
        double mean = Arrays.stream(theta).average().orElseThrow();
        assertEquals(0.0, mean, 0.001);
    }

    @Test
    void fanSchemesScaleWithLayerSizes() {
        double[] uniformFan = Initialization.parse("uniform-fan").initialize(SPEC, 1);
        double epsilon1 = Math.sqrt(6) / Math.sqrt(400 + 200);
        assertEquals(epsilon1 * epsilon1 / 3, variance(uniformFan, SPEC, 1), 0.05 * epsilon1 * epsilon1 / 3);
        double[] he = Initialization.parse("he").initialize(SPEC, 1);
        assertEquals(2.0 / 400, variance(he, SPEC, 1), 0.05 * 2.0 / 400);
        assertEquals(2.0 / 200, variance(he, SPEC, 2), 0.05 * 2.0 / 200);
        double[] xavier = Initialization.parse("xavier").initialize(SPEC, 1);
        assertEquals(2.0 / 300, variance(xavier, SPEC, 2), 0.05 * 2.0 / 300);
    }

    @Test
    void constantBiasAndZeros() {
        double[] theta = Initialization.parse("he").withBias(0.1).initialize(SPEC, 3);
        for (int l = 1; l < SPEC.layerCount(); l++) {
            for (int i = 1; i <= SPEC.thetaRows(l); i++) {
                assertEquals(0.1, theta[SPEC.thetaIndex(l, i, 0)]);
            }
        }
        assertTrue(Arrays.stream(Initialization.parse("zeros").initialize(SPEC, 3)).allMatch(v -> v == 0.0));
    }

    @Test
    void badNamesAndEpsilonsAreRefused() {
        assertEquals("unknown initialization 'gaussian'; choose one of uniform, uniform:EPSILON, uniform-fan,"
                        + " xavier, he, zeros",
                assertThrows(IllegalArgumentException.class, () -> Initialization.parse("gaussian")).getMessage());
        assertEquals("uniform initialization needs ε > 0; got -0.1",
                assertThrows(IllegalArgumentException.class, () -> Initialization.parse("uniform:-0.1")).getMessage());
    }

    /** Variance of the weights (biases excluded) of Θ^(l). */
    private static double variance(double[] theta, NetworkSpec spec, int l) {
        int start = spec.weightOffset(l);
        int end = spec.thetaEnd(l);
        double sum = 0;
        double sumSquares = 0;
        for (int p = start; p < end; p++) {
            sum += theta[p];
            sumSquares += theta[p] * theta[p];
        }
        int n = end - start;
        return sumSquares / n - (sum / n) * (sum / n);
    }
}
