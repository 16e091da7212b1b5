package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * sin(1..n)/10 (the exercise's debugInitializeWeights), for every hidden activation (abs, maxout:2
 * and leaky-relu:0.1 among them) and every output/cost pair, with λ = 0 and λ = 3; and the L1
 * term of {@link Objective} on a deeper net.
 */
class GradientCheckTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        List<Activation> hidden = new ArrayList<>(Activation.oneOfEachKind());
        hidden.remove(Activation.STEP); // no derivative: see stepHiddenUnitsAreRefused below
        hidden.add(Activation.leakyRelu(0.1));
        hidden.add(Activation.maxout(3));
        for (Activation g : hidden) {
            for (Output output : Output.values()) {
                if (output == Output.STEP) {
                    continue; // a step output takes no hidden layers: see perceptronCriterion below
                }
                for (double lambda : new double[] {0.0, 3.0}) {
                    cases.add(Arguments.of(g, output, lambda));
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
        // The ReLU family and abs have a kink at z = 0, maxout where two pieces tie: keep every
        // hidden z^(2) well away from them, so the central differences (ε = 1e-4) never straddle one.
        // (Maxout's pieces get biases of different sizes, so no two pieces of a unit tie.)
        for (int i = 1; i <= spec.thetaRows(1); i++) {
            theta[spec.thetaIndex(1, i, 0)] = (i % 2 == 0 ? 1 : -1) * (0.5 + 0.25 * ((i - 1) % spec.pieces(2)));
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

    /** No hidden z^(2) within 0.01 of 0, and no two pieces of a maxout unit within 0.01 of each other. */
    private static void assertKinkFree(NetworkSpec spec, double[] theta, Examples data) {
        int pieces = spec.pieces(2);
        for (int c = 0; c < data.size(); c++) {
            double[] z = new double[spec.thetaRows(1)];
            for (int i = 1; i <= z.length; i++) {
                z[i - 1] = theta[spec.thetaIndex(1, i, 0)];
                for (int j = 1; j <= spec.inputSize(); j++) {
                    z[i - 1] += theta[spec.thetaIndex(1, i, j)] * data.feature(c, j - 1);
                }
                assertTrue(Math.abs(z[i - 1]) > 0.01, "z^(2) row " + i + " of example " + c + " is " + z[i - 1]);
            }
            for (int start = 0; pieces > 1 && start < z.length; start += pieces) {
                double[] sorted = java.util.Arrays.copyOfRange(z, start, start + pieces);
                java.util.Arrays.sort(sorted);
                assertTrue(sorted[pieces - 1] - sorted[pieces - 2] > 0.01, "maxout's top pieces tie in example " + c);
            }
        }
    }

    /**
     * abs, maxout:2 and leaky-relu:0.1 stacked. Sigmoid outputs: through three layers of sin(k)/10
     * weights a softmax's D is ~0.04 and rounding alone puts the check near 3e-9, for tanh or
     * identity stacks just the same.
     */
    @ParameterizedTest(name = "4-6:abs-5:maxout:2-4:leaky-relu:0.1-3:sigmoid, lambda {0}")
    @MethodSource("lambdas")
    void theNewUnitsStackedPass(double lambda) {
        NetworkSpec spec = NetworkSpec.parse("4-6:abs-5:maxout:2-4:leaky-relu:0.1-3:sigmoid");
        double[] theta = sinValues(spec.parameterCount(), 3);
        Examples data = data(spec, 6);
        assertNoHiddenKinks(spec, theta, data);
        GradientCheck.Result result = GradientCheck.run(spec, theta, data, Objective.l2(lambda));
        assertTrue(result.passes(1e-9), "relative difference " + result.relativeDifference());
    }

    /** Through the kernel's own trace: every hidden z of a kinked unit is 1e-3 or more from its kink. */
    private static void assertNoHiddenKinks(NetworkSpec spec, double[] theta, Examples data) {
        double[] x = new double[spec.inputSize()];
        for (int c = 0; c < data.size(); c++) {
            data.copyFeatures(c, x, 0);
            Trace trace = new Backprop(spec, 1).trace(theta, x, null);
            for (int l = 2; l < spec.layerCount(); l++) {
                double[] z = trace.z(l);
                int pieces = spec.pieces(l);
                for (int start = 0; start < z.length; start += pieces) {
                    if (pieces > 1) {
                        double[] sorted = java.util.Arrays.copyOfRange(z, start, start + pieces);
                        java.util.Arrays.sort(sorted);
                        assertTrue(sorted[pieces - 1] - sorted[pieces - 2] > 1e-3, "tie in layer " + l);
                    } else {
                        assertTrue(Math.abs(z[start]) > 1e-3, "z^(" + l + ") near 0 in example " + c);
                    }
                }
            }
        }
    }

    @Test
    void stepHiddenUnitsAreRefused() {
        NetworkSpec spec = NetworkSpec.parse("2-2:step-1:step");
        double[] theta = spec.flatten(new double[][][] {{{-10, 20, 20}, {30, -20, -20}}, {{-30, 20, 20}}});
        Examples data = Examples.fromRows(new double[][] {{0, 1}}, new double[][] {{1}});
        assertEquals("layer 2 has step units: backpropagation needs a derivative, and a step has none"
                + " (g'(z) = 0 wherever it exists); set a threshold network by hand (sparkprop theta import) instead"
                + " of training it", assertThrows(IllegalArgumentException.class,
                        () -> GradientCheck.run(spec, theta, data, Objective.l2(0.0))).getMessage());
    }
}
