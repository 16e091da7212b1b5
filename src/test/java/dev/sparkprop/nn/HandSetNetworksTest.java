package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The hand-set networks of the notes (lecture 8), loaded as explicit Θ. */
class HandSetNetworksTest {

    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    private static final NetworkSpec NEURON = NetworkSpec.parse("2-1:sigmoid");
    private static final NetworkSpec XOR = NetworkSpec.parse("2-2:sigmoid-1:sigmoid");

    private static double[] predict(NetworkSpec spec, double[] theta, double[] x) {
        return new Backprop(spec, 1).predict(theta, x);
    }

    private static void assertTruthTable(NetworkSpec spec, double[] theta, int... expected) {
        for (int row = 0; row < INPUTS.length; row++) {
            double h = predict(spec, theta, INPUTS[row])[0];
            assertEquals(expected[row], h >= 0.5 ? 1 : 0, "h(" + INPUTS[row][0] + ", " + INPUTS[row][1]
                    + ") = " + h);
            assertEquals(expected[row], h, 1e-4, "g(±10) or further is within 1e-4 of 0 or 1");
        }
    }

    @Test
    void andNeuron() {
        double[] and = NEURON.flatten(new double[][][] {{{-30, 20, 20}}});
        assertTruthTable(NEURON, and, 0, 0, 0, 1);
        assertEquals(1.0 / (1.0 + Math.exp(30)), predict(NEURON, and, INPUTS[0])[0], 1e-18); // g(-30)
    }

    @Test
    void orNeuron() {
        double[] or = NEURON.flatten(new double[][][] {{{-10, 20, 20}}});
        assertTruthTable(NEURON, or, 0, 1, 1, 1);
    }

    @Test
    void xorNetwork() {
        // a1 = g(-10 + 20 x1 + 20 x2) (OR), a2 = g(30 - 20 x1 - 20 x2) (NAND), h = g(-30 + 20 a1 + 20 a2) (AND)
        double[] xor = XOR.flatten(new double[][][] {
                {{-10, 20, 20}, {30, -20, -20}},
                {{-30, 20, 20}}});
        assertTruthTable(XOR, xor, 0, 1, 1, 0);
        // The notes' table of hidden units: a1 = 0 1 1 1, a2 = 1 1 1 0.
        int[][] hidden = {{0, 1}, {1, 1}, {1, 1}, {1, 0}};
        for (int row = 0; row < 4; row++) {
            double[] a2 = new Backprop(XOR, 1).trace(xor, INPUTS[row], null).activation(2);
            assertEquals(hidden[row][0], a2[0], 1e-4);
            assertEquals(hidden[row][1], a2[1], 1e-4);
        }
    }

    /** The same weights with threshold units, g(z) = 1 if z >= 0 else 0: exactly 0 and 1, no ≈. */
    @Test
    void andOrAndXorOfThresholdUnits() {
        NetworkSpec unit = NetworkSpec.parse("2-1:step");
        int[][] expected = {{0, 0, 0, 1}, {0, 1, 1, 1}};
        double[][] biases = {{-30}, {-10}};
        for (int gate = 0; gate < 2; gate++) {
            double[] theta = unit.flatten(new double[][][] {{{biases[gate][0], 20, 20}}});
            for (int row = 0; row < 4; row++) {
                assertEquals(expected[gate][row], predict(unit, theta, INPUTS[row])[0], 0.0,
                        (gate == 0 ? "AND" : "OR") + " of " + INPUTS[row][0] + ", " + INPUTS[row][1]);
            }
        }
        NetworkSpec xorSpec = NetworkSpec.parse("2-2:step-1:step");
        double[] xor = xorSpec.flatten(new double[][][] {
                {{-10, 20, 20}, {30, -20, -20}},
                {{-30, 20, 20}}});
        int[] outputs = {0, 1, 1, 0};
        int[][] hidden = {{0, 1}, {1, 1}, {1, 1}, {1, 0}}; // the notes' table: a1 = OR, a2 = NAND
        for (int row = 0; row < 4; row++) {
            Trace trace = new Backprop(xorSpec, 1).trace(xor, INPUTS[row], null);
            assertArrayEquals(new double[] {hidden[row][0], hidden[row][1]}, trace.activation(2), 0.0);
            assertArrayEquals(new double[] {outputs[row]}, trace.activation(3), 0.0);
        }
        assertEquals(0.0, new Backprop(xorSpec, 4).costSum(xor, Examples.fromRows(INPUTS,
                new double[][] {{0}, {1}, {1}, {0}}), null, 0, 4), "no example on the wrong side: perceptron cost 0");
    }

    @Test
    void exerciseNeuronComputesZ() {
        // Bias 0.7, weights (-0.1, 0.4, 0.6), input (0.3, -0.4, 0.5): z = 0.81.
        NetworkSpec spec = NetworkSpec.parse("3-1:linear");
        double[] neuron = spec.flatten(new double[][][] {{{0.7, -0.1, 0.4, 0.6}}});
        assertEquals(0.81, predict(spec, neuron, new double[] {0.3, -0.4, 0.5})[0], 1e-15);
    }

    @Test
    void weightsReadBackByTheNotesIndices() {
        double[][][] matrices = {
                {{-10, 20, 21}, {30, -22, -23}},
                {{-30, 24, 25}}};
        double[] xor = XOR.flatten(matrices);
        assertEquals(-10, xor[XOR.thetaIndex(1, 1, 0)]);
        assertEquals(21, xor[XOR.thetaIndex(1, 1, 2)]);
        assertEquals(-22, xor[XOR.thetaIndex(1, 2, 1)]);
        assertEquals(25, xor[XOR.thetaIndex(2, 1, 2)]);
        // Column-major with the bias column first: θ = [-10, 30, 20, -22, 21, -23, -30, 24, 25].
        assertEquals(java.util.List.of(-10.0, 30.0, 20.0, -22.0, 21.0, -23.0, -30.0, 24.0, 25.0),
                java.util.Arrays.stream(xor).boxed().toList());
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(matrices[l - 1], XOR.matrix(xor, l), "matrix(flatten(Θ), l) gives Θ^(l) back");
        }
    }

    @Test
    void matricesOfTheWrongShapeAreRefusedByLayerAndRow() {
        assertEquals("Θ^(1) must be 2 x 3; row 2 has 2 values", assertThrows(IllegalArgumentException.class,
                () -> XOR.flatten(new double[][][] {{{1, 2, 3}, {4, 5}}, {{6, 7, 8}}})).getMessage());
        assertEquals("network 2-2:sigmoid-1:sigmoid has 2 weight matrices; got 1", assertThrows(
                IllegalArgumentException.class, () -> XOR.flatten(new double[][][] {{{1, 2, 3}, {4, 5, 6}}}))
                .getMessage());
    }
}
