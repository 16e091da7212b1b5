package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeFromOutputIsTheDerivative(Activation activation) {
        for (double z : new double[] {-3.2, -0.7, -0.05, 0.05, 0.4, 2.5}) {
            double h = 1e-6;
            double numerical = (activation.apply(z + h) - activation.apply(z - h)) / (2 * h);
            double analytical = activation.derivativeFromOutput(activation.apply(z));
            assertEquals(numerical, analytical, 1e-8, activation + " at z = " + z);
        }
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
