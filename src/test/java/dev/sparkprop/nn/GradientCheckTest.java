package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course exercise's gradient check: a 3-5-3 network, m = 5, weights and inputs from
 * sin(1..n)/10 (the exercise's debugInitializeWeights), for every hidden activation and every
 * output/cost pair, with λ = 0 and λ = 3; and the L1 term of {@link Objective} on a deeper net.
 */
class GradientCheckTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            for (Output output : Output.values()) {
                if (output == Output.STEP) {
                    continue; // a step output takes no hidden layers: see perceptronCriterion below
                }
                for (double lambda : new double[] {0.0, 3.0}) {
                    cases.add(Arguments.of(hidden, output, lambda));
                }
            }
        }
        return cases.stream();
    }

    /** The exercise's debugInitializeWeights: value k (1-based, column-major) is sin(k) / 10. */
    static double[] sinValues(int count, int shift) {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = Math.sin(k + 1 + shift) / 10.0;
        }
        return values;
    }

    /** m examples with the exercise's features and targets of the kind {@code output} expects. */
    static Examples data(NetworkSpec spec, int m) {
        int k = spec.outputSize();
        double[] features = sinValues(spec.inputSize() * m, 0);
        double[] targets = new double[k * m];
        for (int c = 0; c < m; c++) {
            if (spec.output() == Output.LINEAR) {
                for (int i = 0; i < k; i++) {
                    targets[c * k + i] = 2.0 * Math.cos(c * k + i); // regression targets
                }
            } else {
                targets[c * k + (c + 1) % k] = 1.0; // y = 1 + mod(1:m, K), one-hot
            }
        }
        return new Examples(spec.inputSize(), k, m, features, targets);
    }

    @ParameterizedTest(name = "3-5:{0}-3:{1}, lambda {2}")
    @MethodSource("networks")
    void backpropagationMatchesCentralDifferences(Activation hidden, Output output, double lambda) {
        NetworkSpec spec = NetworkSpec.of(new int[] {3, 5, 3}, hidden, output);
        double[] theta = sinValues(spec.parameterCount(), 0);
        // The ReLU family has a kink at z = 0: keep every hidden z^(2) well away from it, so the
        // central differences (ε = 1e-4) never straddle it.
        for (int i = 1; i <= 5; i++) {
            theta[spec.thetaIndex(1, i, 0)] = (i % 2 == 0 ? 1 : -1) * 0.5;
        }
        Examples data = data(spec, 5);
        assertKinkFree(spec, theta, data);
        GradientCheck.Result result = GradientCheck.run(spec, theta, data, Objective.l2(lambda));
        assertTrue(result.passes(1e-9), "relative difference " + result.relativeDifference());
    }

    @ParameterizedTest(name = "deep network, lambda {0}")
    @MethodSource("lambdas")
    void deepMixedNetworkPasses(double lambda) {
        NetworkSpec spec = NetworkSpec.parse("4-6:tanh-5:softplus-4:sigmoid-3:softmax");
        double[] theta = sinValues(spec.parameterCount(), 7);
        GradientCheck.Result result = GradientCheck.run(spec, theta, data(spec, 7), Objective.l2(lambda));
        assertTrue(result.passes(1e-9), "relative difference " + result.relativeDifference());
    }

    /** |Θ| has a kink at 0: every weight here is at least 0.0008 from it, far beyond ε = 1e-4. */
    @Test
    void l1AndL2TogetherPassAwayFromZeroWeights() {
        NetworkSpec spec = NetworkSpec.parse("4-6:tanh-5:softplus-4:sigmoid-3:softmax");
        double[] theta = sinValues(spec.parameterCount(), 7);
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                assertTrue(Math.abs(theta[p]) > 8 * GradientCheck.EPSILON, spec.describeIndex(p) + " = " + theta[p]);
            }
        }
        GradientCheck.Result result = GradientCheck.run(spec, theta, data(spec, 7), new Objective(1.5, 0.8));
        assertTrue(result.passes(1e-9), "relative difference " + result.relativeDifference());
    }

    @ParameterizedTest(name = "perceptron criterion, lambda {0}")
    @MethodSource("lambdas")
    void perceptronCriterionGradientIsTheRule(double lambda) {
        NetworkSpec spec = NetworkSpec.parse("3-1:step");
        double[] theta = {0.05, 0.3, -0.2, 0.1};
        Examples data = Examples.fromRows(new double[][] {{1, 2, 3}, {-1, 0.5, 2}, {2, -1, -3}, {0.3, 0.2, -2}},
                new double[][] {{0}, {1}, {1}, {0}});
        GradientCheck.Result result = GradientCheck.run(spec, theta, data, Objective.l2(lambda));
        assertTrue(result.passes(1e-9), "relative difference " + result.relativeDifference());
    }

    static Stream<Double> lambdas() {
        return Stream.of(0.0, 1.5);
    }

    @ParameterizedTest(name = "a wrong gradient fails the check, lambda {0}")
    @MethodSource("lambdas")
    void detectsAWrongGradient(double lambda) {
        NetworkSpec spec = NetworkSpec.parse("3-5:sigmoid-3:sigmoid");
        double[] theta = sinValues(spec.parameterCount(), 0);
        GradientCheck.Result right = GradientCheck.run(spec, theta, data(spec, 5), Objective.l2(lambda));
        double[] wrong = right.analytical().clone();
        wrong[spec.thetaIndex(1, 2, 1)] *= 1.01;
        double difference = 0.0;
        double total = 0.0;
        for (int p = 0; p < wrong.length; p++) {
            difference += Math.pow(right.numerical()[p] - wrong[p], 2);
            total += Math.pow(right.numerical()[p] + wrong[p], 2);
        }
        assertTrue(Math.sqrt(difference / total) > 1e-6, "a 1% error in one entry must show");
    }

    private static void assertKinkFree(NetworkSpec spec, double[] theta, Examples data) {
        for (int c = 0; c < data.size(); c++) {
            for (int i = 1; i <= spec.units(2); i++) {
                double z = theta[spec.thetaIndex(1, i, 0)];
                for (int j = 1; j <= spec.inputSize(); j++) {
                    z += theta[spec.thetaIndex(1, i, j)] * data.feature(c, j - 1);
                }
                assertTrue(Math.abs(z) > 0.01, "z^(2)_" + i + " of example " + c + " is " + z);
            }
        }
    }
}
