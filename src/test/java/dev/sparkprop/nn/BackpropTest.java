package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackpropTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("6-8:relu-5:tanh-4:softmax");

    static Examples randomBlock(NetworkSpec spec, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[m][spec.inputSize()];
        double[][] y = new double[m][spec.outputSize()];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = random.nextDouble(-1, 1);
            }
            y[c][random.nextInt(spec.outputSize())] = 1.0;
        }
        return Examples.fromRows(x, y);
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], relative * scale, "entry " + p);
        }
    }

    @Test
    void blockEqualsTheSumOfItsColumnsOneAtATime() {
        Examples block = randomBlock(SPEC, 37, 11);
        double[] theta = Initialization.parse("uniform-fan").initialize(SPEC, 5);

        GradientSum together = new GradientSum();
        new Backprop(SPEC, 37).accumulateInto(theta, block, null, 0, 37, together);

        GradientSum oneByOne = new GradientSum();
        Backprop single = new Backprop(SPEC, 1);
        for (int c = 0; c < 37; c++) {
            single.accumulateInto(theta, block, new int[] {c}, 0, 1, oneByOne);
        }
        assertEquals(37, together.count());
        assertEquals(oneByOne.count(), together.count());
        assertEquals(oneByOne.cost(), together.cost(), 1e-12 * oneByOne.cost());
        assertClose(oneByOne.accumulators(), together.accumulators(), 1e-12);
    }

    /** The layers that keep z beside a (abs, maxout) sum the same in blocks as one by one. */
    @Test
    void absAndMaxoutBlocksEqualTheirColumnsOneAtATime() {
        NetworkSpec spec = NetworkSpec.parse("6-7:abs-5:maxout:3-4:leaky-relu:0.1-3:softmax");
        Examples block = randomBlock(spec, 23, 12);
        double[] theta = Initialization.parse("he").initialize(spec, 3);
        GradientSum together = new GradientSum();
        new Backprop(spec, 10).accumulateInto(theta, block, null, 0, 23, together);
        GradientSum oneByOne = new GradientSum();
        Backprop single = new Backprop(spec, 1);
        for (int c = 0; c < 23; c++) {
            single.accumulateInto(theta, block, new int[] {c}, 0, 1, oneByOne);
        }
        assertEquals(oneByOne.cost(), together.cost(), 1e-12 * oneByOne.cost());
        assertClose(oneByOne.accumulators(), together.accumulators(), 1e-12);
        double[] outputs = new double[3 * 23];
        new Backprop(spec, 10).predictInto(theta, block, 0, 23, outputs, 0);
        for (int c = 0; c < 23; c++) {
            double[] x = new double[6];
            block.copyFeatures(c, x, 0);
            assertArrayEquals(single.predict(theta, x), Arrays.copyOfRange(outputs, 3 * c, 3 * c + 3), 1e-15);
        }
    }

    /** a = max of each unit's pieces and |z| as the trace recomputes z: the kernel's forward pass. */
    @Test
    void traceShowsMaxoutAndAbsAsDefined() {
        NetworkSpec spec = NetworkSpec.parse("3-4:abs-2:maxout:3-2:softmax");
        double[] theta = Initialization.parse("xavier").initialize(spec, 1);
        Trace trace = new Backprop(spec, 1).trace(theta, new double[] {0.3, -1.2, 0.8}, new double[] {0, 1});
        double[] z2 = trace.z(2);
        double[] a2 = trace.activation(2);
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.abs(z2[i]), a2[i], 1e-15);
        }
        double[] z3 = trace.z(3);
        double[] a3 = trace.activation(3);
        double[] delta3 = trace.error(3);
        assertEquals(6, z3.length);
        assertEquals(6, delta3.length);
        for (int u = 0; u < 2; u++) {
            double max = Math.max(z3[3 * u], Math.max(z3[3 * u + 1], z3[3 * u + 2]));
            assertEquals(max, a3[u], 1e-15);
            int nonZero = 0;
            for (int k = 0; k < 3; k++) {
                nonZero += delta3[3 * u + k] != 0.0 ? 1 : 0;
                if (delta3[3 * u + k] != 0.0) {
                    assertEquals(max, z3[3 * u + k], 1e-15, "δ sits on the winning piece");
                }
            }
            assertEquals(1, nonZero, "one piece of unit " + (u + 1) + " carries δ");
        }
        assertEquals(6, trace.accumulator(2).length, "Δ^(2) has K s_3 rows");
    }

    @Test
    void stepHiddenUnitsRunForwardButRefuseBackpropagation() {
        NetworkSpec spec = NetworkSpec.parse("2-2:step-1:step");
        double[] theta = spec.flatten(new double[][][] {{{-10, 20, 20}, {30, -20, -20}}, {{-30, 20, 20}}});
        assertArrayEquals(new double[] {1.0}, new Backprop(spec, 1).predict(theta, new double[] {0, 1}), 0.0);
        Examples one = Examples.fromRows(new double[][] {{0, 1}}, new double[][] {{1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backprop(spec, 1).accumulateInto(theta, one, null, 0, 1, new GradientSum()));
        assertTrue(e.getMessage().contains("backpropagation needs a derivative"), e.getMessage());
    }

    @Test
    void chunkingAndOrderDoNotChangeTheSum() {
        Examples block = randomBlock(SPEC, 50, 3);
        double[] theta = Initialization.course().initialize(SPEC, 9);
        GradientSum whole = new GradientSum();
        new Backprop(SPEC, 64).accumulateInto(theta, block, null, 0, 50, whole);

        int[] reversed = new int[50];
        for (int c = 0; c < 50; c++) {
            reversed[c] = 49 - c;
        }
        GradientSum chunked = new GradientSum();
        new Backprop(SPEC, 7).accumulateInto(theta, block, reversed, 0, 50, chunked);
        assertClose(whole.accumulators(), chunked.accumulators(), 1e-12);
        assertEquals(whole.cost(), chunked.cost(), 1e-12 * whole.cost());
    }

    @Test
    void sumsOfTwoHalvesAddUp() {
        Examples block = randomBlock(SPEC, 20, 4);
        double[] theta = Initialization.course().initialize(SPEC, 2);
        Backprop backprop = new Backprop(SPEC, 8);
        GradientSum all = new GradientSum();
        backprop.accumulateInto(theta, block, null, 0, 20, all);
        GradientSum first = new GradientSum();
        GradientSum second = new GradientSum();
        backprop.accumulateInto(theta, block, null, 0, 9, first);
        backprop.accumulateInto(theta, block, null, 9, 20, second);
        GradientSum merged = new GradientSum().add(first).add(second);
        assertEquals(20, merged.count());
        assertClose(all.accumulators(), merged.accumulators(), 1e-12);
    }

    @Test
    void predictionMatchesTheCostPass() {
        Examples block = randomBlock(SPEC, 10, 8);
        double[] theta = Initialization.course().initialize(SPEC, 1);
        double[] outputs = new double[4 * 10];
        new Backprop(SPEC, 3).predictInto(theta, block, 0, 10, outputs, 0);
        double cost = 0;
        for (int c = 0; c < 10; c++) {
            double columnSum = 0;
            for (int k = 0; k < 4; k++) {
                columnSum += outputs[c * 4 + k];
                cost -= block.target(c, k) * Math.log(outputs[c * 4 + k]);
            }
            assertEquals(1.0, columnSum, 1e-12);
        }
        assertEquals(cost, new Backprop(SPEC, 10).costSum(theta, block, null, 0, 10), 1e-12);
        double[] x3 = new double[6];
        block.copyFeatures(3, x3, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(outputs, 12, 16), new Backprop(SPEC, 1).predict(theta, x3),
                1e-15);
    }

    @Test
    void refusesDataOfTheWrongWidth() {
        Examples block = randomBlock(NetworkSpec.parse("5-4:softmax"), 3, 1);
        double[] theta = new double[SPEC.parameterCount()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backprop(SPEC, 4).accumulateInto(theta, block, null, 0, 3, new GradientSum()));
        assertEquals("the data has 5 features per example but the input layer of 6-8:relu-5:tanh-4:softmax"
                + " has 6 units", e.getMessage());
    }

    @Test
    void refusesNonFiniteTheta() {
        double[] theta = Initialization.course().initialize(SPEC, 1);
        theta[SPEC.thetaIndex(2, 3, 0)] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPEC.checkTheta(theta));
        assertTrue(e.getMessage().startsWith("Θ^(2)_3,0 (θ[" + SPEC.thetaIndex(2, 3, 0) + "]) is NaN"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.run(SPEC, theta, randomBlock(SPEC, 2, 1), Objective.UNREGULARIZED));
    }
}
