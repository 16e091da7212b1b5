package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkSpecTest {

    @Test
    void parsesTheTextForm() {
        NetworkSpec spec = NetworkSpec.parse("784-256:relu-128:leaky-relu-10:softmax");
        assertEquals(List.of(784, 256, 128, 10), spec.sizes());
        assertEquals(List.of(Activation.RELU, Activation.LEAKY_RELU), spec.hiddenActivations());
        assertEquals(Output.SOFTMAX, spec.output());
        assertEquals(4, spec.layerCount());
        assertEquals(256 * 785 + 128 * 257 + 10 * 129, spec.parameterCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"784-256:relu-128:relu-10:softmax", "2-2:sigmoid-1:sigmoid",
            "2-2:sigmoid-2:sigmoid/squared", "13-32:tanh-1:linear", "3-1:linear", "4-3:softplus-2:identity-3:softmax",
            "4-8:leaky-relu:0.1-6:maxout:2-5:abs-3:softmax", "2-2:step-1:step", "2-2:step-1:sigmoid",
            "3-4:leaky-relu:0.0001-1:linear", "3-4:maxout:5-2:softmax"})
    void textFormRoundTrips(String text) {
        NetworkSpec spec = NetworkSpec.parse(text);
        assertEquals(text, spec.toString());
        assertEquals(spec, NetworkSpec.parse(spec.toString()));
    }

    @Test
    void defaultsAreTheNotesSigmoidNetwork() {
        NetworkSpec spec = NetworkSpec.parse("2-2-1");
        assertEquals("2-2:sigmoid-1:sigmoid", spec.toString());
        assertEquals(Output.LOGISTIC, spec.output());
        assertEquals(Output.SIGMOID_SQUARED, NetworkSpec.parse("2-2-2:sigmoid/squared").output());
        assertEquals(Output.LINEAR, NetworkSpec.parse("2-1:linear/squared").output());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2-0:relu-1:sigmoid | network spec '2-0:relu-1:sigmoid': layer 2 has 0 units; each layer needs >= 1",
        "2-3:swish-1:sigmoid | network spec '2-3:swish-1:sigmoid', layer 2 '3:swish': unknown activation 'swish'; choose one of sigmoid, tanh, relu, leaky-relu[:SLOPE], softplus, identity, abs, maxout:K, step",
        "2-3:leaky-relu:2-1:sigmoid | network spec '2-3:leaky-relu:2-1:sigmoid', layer 2 '3:leaky-relu:2': leaky-relu slope 2.0 must lie between 0 and 1 (0 is relu; e.g. leaky-relu:0.1)",
        "2-3:maxout-1:sigmoid | network spec '2-3:maxout-1:sigmoid', layer 2 '3:maxout': maxout needs its piece count, e.g. maxout:2",
        "2-2:relu-1:step | network spec '2-2:relu-1:step': a step (perceptron) output is one unit straight on the inputs, e.g. 2-1:step, or on step hidden units (e.g. 2-2:step-1:step, set by hand); it has no derivative to pass back to hidden layers",
        "2-3:maxout:2:bn-1:sigmoid | network spec '2-3:maxout:2:bn-1:sigmoid': layer 2 is maxout:2 with bn: batch normalization is not wired for abs and maxout layers, which keep z beside a",
        "2-2:step | network spec '2-2:step': a step (perceptron) output is one unit straight on the inputs, e.g. 2-1:step, or on step hidden units (e.g. 2-2:step-1:step, set by hand); it has no derivative to pass back to hidden layers",
        "2-3:relu-4:relu | network spec '2-3:relu-4:relu', layer 3 '4:relu': unknown output 'relu'; the output layer is one of sigmoid/cross-entropy, softmax/nll, linear/squared, sigmoid/squared, step/perceptron",
        "4-3:softmax/squared | network spec '4-3:softmax/squared', layer 2 '3:softmax/squared': output 'softmax/squared' pairs softmax with a cost it does not belong with; the output layer is one of sigmoid/cross-entropy, softmax/nll, linear/squared, sigmoid/squared, step/perceptron",
        "4-1:linear/cross-entropy | network spec '4-1:linear/cross-entropy', layer 2 '1:linear/cross-entropy': output 'linear/cross-entropy' pairs linear with a cost it does not belong with; the output layer is one of sigmoid/cross-entropy, softmax/nll, linear/squared, sigmoid/squared, step/perceptron",
        "4 | network spec '4': a network needs at least an input and an output layer; got 1 layer(s)",
        "x-3 | network spec 'x-3': layer 'x' does not start with a unit count",
        "4:relu-3 | network spec '4:relu-3': the input layer '4:relu' takes no activation",
        "4-1:softmax | network spec '4-1:softmax': a softmax output needs >= 2 units; got 1 (use a sigmoid output for one yes/no output)",
    })
    void badSpecsAreRefusedWithTheBadPartQuoted(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse(text));
        assertEquals(message.strip(), e.getMessage());
    }

    @Test
    void thetaLayoutFollowsTheNotes() {
        NetworkSpec spec = NetworkSpec.parse("3-2:tanh-4:softmax");
        // Θ^(1): 2 x 4 at 0; Θ^(2): 4 x 3 at 8.
        assertEquals(0, spec.thetaOffset(1));
        assertEquals(8, spec.thetaOffset(2));
        assertEquals(20, spec.parameterCount());
        assertEquals(0, spec.thetaIndex(1, 1, 0));
        assertEquals(1, spec.thetaIndex(1, 2, 0));
        assertEquals(2 * 3 + 1, spec.thetaIndex(1, 2, 3));
        assertEquals(8 + 4 * 2 + 3, spec.thetaIndex(2, 4, 2));
        assertEquals("Θ^(2)_4,2", spec.describeIndex(19));
        assertThrows(IllegalArgumentException.class, () -> spec.thetaIndex(1, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> spec.thetaIndex(2, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> spec.thetaOffset(3));
    }

    /**
     * 3-5-3: Θ^(1) is 5 x 4 (20 values: biases θ[0..4], weights θ[5..19]); Θ^(2) is 3 x 6 (18
     * values: biases θ[20..22], weights θ[23..37]).
     */
    @Test
    void rangesSplitEachThetaIntoItsBiasColumnAndItsWeights() {
        NetworkSpec spec = NetworkSpec.parse("3-5:sigmoid-3:sigmoid");
        assertEquals(List.of(0, 5, 20), List.of(spec.thetaOffset(1), spec.weightOffset(1), spec.thetaEnd(1)));
        assertEquals(List.of(20, 23, 38), List.of(spec.thetaOffset(2), spec.weightOffset(2), spec.thetaEnd(2)));
        assertEquals(38, spec.parameterCount());
        for (int l = 1; l <= 2; l++) {
            assertEquals(spec.thetaIndex(l, 1, 0), spec.thetaOffset(l), "first bias of Θ^(" + l + ")");
            assertEquals(spec.thetaIndex(l, 1, 1), spec.weightOffset(l), "first weight of Θ^(" + l + ")");
            assertEquals(spec.thetaIndex(l, spec.thetaRows(l), spec.units(l)) + 1, spec.thetaEnd(l),
                    "one past the last weight of Θ^(" + l + ")");
        }
        assertEquals("Θ^(2)_3,0", spec.describeIndex(22));
        assertEquals("Θ^(2)_1,1", spec.describeIndex(23));
        assertEquals("Θ^(0) does not exist; this network has Θ^(1)..Θ^(2)",
                assertThrows(IllegalArgumentException.class, () -> spec.weightOffset(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.thetaEnd(3));
        assertEquals("θ has 37 values; network 3-5:sigmoid-3:sigmoid has 38 parameters",
                assertThrows(IllegalArgumentException.class, () -> spec.checkThetaLength(new double[37])).getMessage());
    }

    /**
     * 2-3-2 with θ[p] = p. MLPC (Spark's {@code AffineLayerModel.unroll}) reads layer l's block as
     * A (s_{l+1} x s_l, column-major: A(i, j) at i + j s_{l+1}, 0-based) then b: A(i, j) must be
     * Θ^(l)_{i+1, j+1} and b(i) must be Θ^(l)_{i+1, 0}.
     */
    @Test
    void mlpcWeightsPutEachLayersBiasesAfterItsWeights() {
        NetworkSpec spec = NetworkSpec.parse("2-3:sigmoid-2:softmax");
        double[] theta = new double[spec.parameterCount()];
        Arrays.setAll(theta, p -> p);

        double[] mlpc = spec.toMlpcWeights(theta);

        // Θ^(1): 3 x 3, biases θ[0..2], weights θ[3..8]; Θ^(2): 2 x 4, biases θ[9..10], weights θ[11..16].
        assertArrayEquals(new double[] {3, 4, 5, 6, 7, 8, 0, 1, 2, 11, 12, 13, 14, 15, 16, 9, 10}, mlpc);
        for (int l = 1; l <= 2; l++) {
            int rows = spec.thetaRows(l);
            int inputs = spec.units(l);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < inputs; j++) {
                    assertEquals(theta[spec.thetaIndex(l, i + 1, j + 1)], mlpc[spec.thetaOffset(l) + i + j * rows]);
                }
                assertEquals(theta[spec.thetaIndex(l, i + 1, 0)], mlpc[spec.thetaOffset(l) + rows * inputs + i]);
            }
        }
        assertArrayEquals(theta, spec.fromMlpcWeights(mlpc), "the two conversions are inverses");
        assertEquals("the weight vector has 20 values; network 2-3:sigmoid-2:softmax has 17 parameters",
                assertThrows(IllegalArgumentException.class, () -> spec.fromMlpcWeights(new double[20])).getMessage());
    }

    /**
     * 3-2:maxout:3-2:softmax: Θ^(1) has K s_2 = 6 rows (unit u's pieces at rows 3(u-1)+1..3u),
     * so 6 x 4 = 24 values; Θ^(2) is 2 x 3 = 6: 30 parameters. The layout is the one of the class
     * doc with r_1 = 6.
     */
    @Test
    void maxoutGivesEachUnitKRowsOfTheThetaBelowIt() {
        NetworkSpec spec = NetworkSpec.parse("3-2:maxout:3-2:softmax");
        assertEquals(List.of(1, 3, 1), List.of(spec.pieces(1), spec.pieces(2), spec.pieces(3)));
        assertEquals(List.of(6, 2), List.of(spec.thetaRows(1), spec.thetaRows(2)));
        assertEquals(List.of(0, 6, 24), List.of(spec.thetaOffset(1), spec.weightOffset(1), spec.thetaEnd(1)));
        assertEquals(List.of(24, 26, 30), List.of(spec.thetaOffset(2), spec.weightOffset(2), spec.thetaEnd(2)));
        assertEquals(30, spec.parameterCount());
        assertEquals(6 * 2 + 4, spec.thetaIndex(1, 5, 2), "row 5 = unit 2, piece 2; column j = 2");
        assertEquals("Θ^(1)_6,3", spec.describeIndex(23));
        double[] theta = new double[30];
        Arrays.setAll(theta, p -> p);
        assertEquals(6, spec.matrix(theta, 1).length);
        assertArrayEquals(theta, spec.flatten(new double[][][] {spec.matrix(theta, 1), spec.matrix(theta, 2)}));
    }

    @Test
    void mlpcHasNoLayoutForMaxout() {
        NetworkSpec spec = NetworkSpec.parse("3-2:maxout:3-2:softmax");
        assertEquals("network 3-2:maxout:3-2:softmax: layer 2 is maxout:3 (3 rows of weights per unit); Spark MLPC's"
                + " layout has one row per unit, so these weights have no MLPC form",
                assertThrows(IllegalArgumentException.class, () -> spec.toMlpcWeights(new double[30])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.fromMlpcWeights(new double[30]));
    }

    @Test
    void stepHiddenUnitsParseButCannotBeTrained() {
        NetworkSpec xor = NetworkSpec.parse("2-2:step-1:step");
        assertEquals(9, xor.parameterCount());
        assertEquals("layer 2 has step units: backpropagation needs a derivative, and a step has none (g'(z) = 0"
                + " wherever it exists); set a threshold network by hand (sparkprop theta import) instead of training it",
                assertThrows(IllegalArgumentException.class, xor::checkDifferentiable).getMessage());
        NetworkSpec.parse("2-1:step").checkDifferentiable(); // the perceptron trains
        NetworkSpec.parse("2-3:abs-2:maxout:2-1:sigmoid").checkDifferentiable();
    }

    /** {@code leaky-relu} alone is exactly the slope-0.01 activation it always was. */
    @Test
    void plainLeakyReluIsTheDefaultSlope() {
        NetworkSpec plain = NetworkSpec.parse("3-4:leaky-relu-2:softmax");
        assertEquals(plain, NetworkSpec.parse("3-4:leaky-relu:0.01-2:softmax"));
        assertEquals("3-4:leaky-relu-2:softmax", NetworkSpec.parse("3-4:leaky-relu:0.01-2:softmax").toString());
        assertEquals(0.01, plain.activation(2).slope());
    }

    @Test
    void javaSerializationKeepsTheSpecAndItsLayout() throws Exception {
        NetworkSpec spec = NetworkSpec.parse("784-256:maxout:2-128:leaky-relu:0.2-10:softmax");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        NetworkSpec back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (NetworkSpec) in.readObject();
        }
        assertEquals(spec, back);
        assertEquals(spec.hashCode(), back.hashCode());
        assertEquals(spec.thetaEnd(3), back.thetaEnd(3));
        assertEquals(spec.parameterCount(), back.parameterCount());
    }
}
