package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Backprop#trace}: one example's z, a, δ and Δ agree with the kernel's block passes. */
class TraceTest {

    @Test
    void theTraceIsTheKernelsOwnPassForOneExample() {
        NetworkSpec spec = NetworkSpec.parse("3-4:tanh-3:relu-2:softmax");
        double[] theta = GradientCheckTest.sinValues(spec.parameterCount(), 3);
        double[] x = {0.3, -0.2, 0.7};
        double[] y = {0, 1};
        Trace trace = new Backprop(spec, 4).trace(theta, x, y);

        GradientSum sum = new GradientSum();
        new Backprop(spec, 1).accumulateInto(theta, Examples.fromRows(new double[][] {x}, new double[][] {y}),
                null, 0, 1, sum);
        assertEquals(sum.cost(), trace.cost(), 0.0);
        for (int l = 1; l < spec.layerCount(); l++) {
            double[][] gradient = trace.accumulator(l);
            for (int i = 1; i <= spec.thetaRows(l); i++) {
                for (int j = 0; j < spec.thetaColumns(l); j++) {
                    assertEquals(sum.accumulators()[spec.thetaIndex(l, i, j)], gradient[i - 1][j], 0.0);
                }
            }
        }
        assertArrayEquals(x, trace.activation(1), 0.0);
        assertArrayEquals(new Backprop(spec, 1).predict(theta, x), trace.activation(4), 1e-15);
        for (int l = 2; l < spec.layerCount(); l++) {
            double[] z = trace.z(l);
            double[] a = trace.activation(l);
            for (int i = 0; i < z.length; i++) {
                assertEquals(spec.activation(l).apply(z[i]), a[i], 1e-15, "a = g(z) in layer " + l);
            }
        }
        // Δ^(l) = δ^(l+1) (a^(l))ᵀ with the bias unit first.
        double[] errors3 = trace.error(3);
        double[] a2 = trace.activation(2);
        assertEquals(errors3[1], trace.accumulator(2)[1][0], 1e-15);
        assertEquals(errors3[1] * a2[2], trace.accumulator(2)[1][3], 1e-15);
    }

    @Test
    void withoutATargetOnlyTheForwardPass() {
        NetworkSpec spec = NetworkSpec.parse("2-2:sigmoid-2:sigmoid/squared");
        Trace trace = new Backprop(spec, 1).trace(new double[] {0.35, 0.35, 0.15, 0.25, 0.20, 0.30,
            0.60, 0.60, 0.40, 0.50, 0.45, 0.55}, new double[] {0.05, 0.10}, null);
        assertFalse(trace.hasTarget());
        assertEquals(0.3775, trace.z(2)[0], 1e-15); // net_h1 of the notes' worked example
        assertThrows(IllegalStateException.class, () -> trace.error(3));
        assertThrows(IllegalArgumentException.class, () -> trace.z(1));
    }
}
