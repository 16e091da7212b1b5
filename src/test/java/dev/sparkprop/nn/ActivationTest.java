package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationTest {

    @Test
    void sigmoidDerivativeMatchesTheNotes() {
        double[] z = {-1, -0.5, 0, 0.5, 1};
        double[] expected = {0.196612, 0.235004, 0.250000, 0.235004, 0.196612};
        for (int i = 0; i < z.length; i++) {
            double a = Activation.SIGMOID.apply(z[i]);
            assertEquals(expected[i], Activation.SIGMOID.derivativeFromOutput(a), 5e-7, "g'(" + z[i] + ")");
        }
    }

    /** The functions of one value per unit with a derivative, leaky ReLU with two slopes. */
    static Stream<Activation> elementwise() {
        return Stream.concat(Activation.oneOfEachKind().stream(), Stream.of(Activation.leakyRelu(0.1)))
                .filter(a -> a.hasDerivative() && a.pieces() == 1);
    }

    @ParameterizedTest
    @MethodSource("elementwise")
    void theDerivativeIsTheDerivative(Activation activation) {
        for (double z : new double[] {-3.2, -0.7, -0.05, 0.05, 0.4, 2.5}) {
            double h = 1e-6;
            double numerical = (activation.apply(z + h) - activation.apply(z - h)) / (2 * h);
            assertEquals(numerical, activation.derivativeAt(z), 1e-8, activation + " at z = " + z);
            if (!activation.keepsWeightedInput()) {
                assertEquals(numerical, activation.derivativeFromOutput(activation.apply(z)), 1e-8,
                        activation + " from a, at z = " + z);
            }
        }
    }

    @Test
    void absNeedsZBecauseItsOutputLostTheSign() {
        assertTrue(Activation.ABS.keepsWeightedInput());
        assertEquals(Activation.ABS.apply(-0.7), Activation.ABS.apply(0.7));
        assertEquals(-1.0, Activation.ABS.derivativeAt(-0.7));
        assertEquals(1.0, Activation.ABS.derivativeAt(0.7));
        assertThrows(IllegalStateException.class, () -> Activation.ABS.derivativeFromOutput(0.7));
    }

    @Test
    void leakyReluTakesItsSlope() {
        Activation leaky = Activation.parse("leaky-relu:0.1");
        assertEquals(-0.2, leaky.apply(-2), 1e-15);
        assertEquals(0.1, leaky.derivativeFromOutput(leaky.apply(-2)));
        assertEquals(1.0, leaky.derivativeFromOutput(leaky.apply(3)));
        assertEquals("leaky-relu:0.1", leaky.label());
        assertSame(Activation.LEAKY_RELU, Activation.parse("leaky-relu:0.01"), "the default slope is plain leaky-relu");
        assertEquals("leaky-relu", Activation.parse("leaky-relu:0.01").label());
        assertEquals("leaky-relu:0.0001", Activation.leakyRelu(1e-4).label(), "no 1.0E-4: '-4' would split the spec");
    }

    /** Maxout: a_i is the largest of unit i's K adjacent pieces; δ goes whole to the first largest. */
    @Test
    void maxoutTakesTheLargestPieceAndRoutesTheErrorToIt() {
        Activation maxout = Activation.parse("maxout:3");
        assertEquals(3, maxout.pieces());
        // Two units of 3 pieces, two examples (columns): z is 6 x 2.
        double[] z = {0.2, -1.0, 0.7,   -0.5, -0.4, -0.9,
                      1.5, 1.5, -2.0,    0.0, 3.0, 2.0};
        double[] a = new double[3 * 2]; // (units + 1) x 2, row 0 the bias unit
        maxout.applyInto(z, 2, 2, a, 1, 3);
        assertArrayEquals(new double[] {0.0, 0.7, -0.4, 0.0, 1.5, 3.0}, a, 0.0);
        double[] upstream = {10.0, 20.0, 30.0, 40.0};
        double[] errors = new double[12];
        maxout.errorsFromWeightedInput(upstream, z, 2, 2, errors);
        assertArrayEquals(new double[] {0, 0, 10,  0, 20, 0,  30, 0, 0,  0, 40, 0}, errors, 0.0,
                "the winner takes the error; of the tie 1.5 = 1.5 the first piece");
    }

    @Test
    void theStepIsTheThresholdUnitAndHasNoDerivative() {
        assertEquals(1.0, Activation.STEP.apply(0.0), "1 if z >= 0");
        assertEquals(0.0, Activation.STEP.apply(-1e-12));
        assertFalse(Activation.STEP.hasDerivative());
        assertEquals("backpropagation needs a derivative, and a step has none (g'(z) = 0 wherever it exists)",
                assertThrows(IllegalStateException.class, () -> Activation.STEP.derivativeFromOutput(1.0)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "leaky-relu:0 | leaky-relu slope 0.0 must lie between 0 and 1 (0 is relu; e.g. leaky-relu:0.1)",
        "leaky-relu:1.5 | leaky-relu slope 1.5 must lie between 0 and 1 (0 is relu; e.g. leaky-relu:0.1)",
        "leaky-relu:x | activation 'leaky-relu:x': the slope 'x' is not a number",
        "maxout | maxout needs its piece count, e.g. maxout:2",
        "maxout:1 | maxout:1 asks for 1 pieces per unit; maxout takes 2..64 (e.g. maxout:2)",
        "maxout:1000 | maxout:1000 asks for 1000 pieces per unit; maxout takes 2..64 (e.g. maxout:2)",
        "maxout:2.5 | activation 'maxout:2.5': the piece count '2.5' is not a whole number",
        "relu:2 | activation 'relu:2': relu takes no parameter (only leaky-relu:SLOPE and maxout:K do)",
        "swish | unknown activation 'swish'; choose one of sigmoid, tanh, relu, leaky-relu[:SLOPE], softplus, identity, abs, maxout:K, step",
    })
    void badActivationsAreRefusedQuotingTheText(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Activation.parse(text)).getMessage());
    }

    @Test
    void labelsReadBack() {
        for (Activation activation : Activation.oneOfEachKind()) {
            assertEquals(activation, Activation.parse(activation.label()));
        }
        assertEquals(Activation.leakyRelu(0.1), Activation.parse("Leaky-ReLU:0.1"));
    }

    @Test
    void valuesAtKnownPoints() {
        assertEquals(0.5, Activation.SIGMOID.apply(0));
        assertEquals(Math.tanh(0.3), Activation.TANH.apply(0.3));
        assertEquals(0.0, Activation.RELU.apply(-2));
        assertEquals(-0.02, Activation.LEAKY_RELU.apply(-2), 1e-15);
        assertEquals(Math.log(2), Activation.SOFTPLUS.apply(0), 1e-15);
        assertEquals(800.0, Activation.SOFTPLUS.apply(800.0), 1e-12); // no overflow of e^z
        assertEquals(-4.0, Activation.IDENTITY.apply(-4.0));
        assertEquals(4.0, Activation.ABS.apply(-4.0));
    }

    @Test
    void softmaxIsStableAndSumsToOne() {
        double[] z = {1000.0, 1001.0, 999.0};
        double[] y = {0.0, 1.0, 0.0};
        double cost = Output.SOFTMAX.activate(z, y, 3, 1);
        double sum = z[0] + z[1] + z[2];
        assertEquals(1.0, sum, 1e-13);
        double expectedCost = Math.log(Math.exp(-1) + 1 + Math.exp(-2));
        assertEquals(expectedCost, cost, 1e-12);
    }

    @Test
    void logisticCostIsFiniteForSaturatedOutputs() {
        double[] z = {-800.0};
        double cost = Output.LOGISTIC.activate(z, new double[] {1.0}, 1, 1);
        assertEquals(800.0, cost, 1e-9); // -ln σ(-800) = 800 (ln of 0 would be infinite)
    }
}
