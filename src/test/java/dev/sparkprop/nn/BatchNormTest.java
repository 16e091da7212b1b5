package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization ({@link BatchNorm}): the gradient check through {@code bn} layers in
 * training mode, the layout of the normalization blocks, the batch sums the driver combines, the
 * running averages, and prediction with the running statistics.
 */
class BatchNormTest {

    private static final double FEEDING_SCALE = 30.0;

    /**
     * θ of sin values as in the exercise (±0.1), but the Θ^(l-1) that feed a normalized layer l
     * {@value #FEEDING_SCALE} times larger, with γ around 1 and arbitrary running statistics.
     * Normalization makes J invariant to the scale of those weights, so its curvature in them
     * grows as 1/|Θ|²: at ±0.1, central differences with ε = 1e-4 would measure that curvature
     * (relative differences near 1e-7), not the gradient.
     */
    private static double[] theta(NetworkSpec spec) {
        double[] theta = GradientCheckTest.sinValues(spec.parameterCount(), 3);
        for (int l : spec.normalizedLayerNumbers()) {
            for (int p = spec.thetaOffset(l - 1); p < spec.thetaEnd(l - 1); p++) {
                theta[p] *= FEEDING_SCALE;
            }
        }
        for (int l : spec.normalizedLayerNumbers()) {
            for (int i = 0; i < spec.units(l); i++) {
                theta[spec.gammaOffset(l) + i] = 1.0 + theta[spec.gammaOffset(l) + i];
                theta[spec.runningVarianceOffset(l) + i] = 0.5 + Math.abs(theta[spec.runningVarianceOffset(l) + i]);
            }
        }
        return theta;
    }

    @ParameterizedTest
    @ValueSource(strings = {"3-5:sigmoid:bn-3:softmax", "3-5:tanh:bn-4:sigmoid:bn-2:sigmoid",
        "3-6:bn-5:softplus:bn-2:linear"})
    void theGradientCheckPassesThroughBatchNormalizedLayers(String network) {
        NetworkSpec spec = NetworkSpec.parse(network);
        Examples data = wide(GradientCheckTest.data(spec, 7));
        for (double lambda : new double[] {0.0, 3.0}) {
            GradientCheck.Result result = GradientCheck.run(spec, theta(spec), data, Objective.l2(lambda));
            assertTrue(result.passes(1e-9), network + " λ=" + lambda + ": " + result.relativeDifference());
            for (int l : spec.normalizedLayerNumbers()) {
                for (int i = 0; i < spec.units(l); i++) { // the running statistics get no gradient
                    assertEquals(0.0, result.analytical()[spec.runningMeanOffset(l) + i]);
                    assertEquals(0.0, result.analytical()[spec.runningVarianceOffset(l) + i]);
                }
                assertTrue(result.analytical()[spec.gammaOffset(l)] != 0.0, "γ is trained");
            }
        }
    }

    /** The exercise's examples with their features times 10: inputs of O(1), as scaled data has. */
    private static Examples wide(Examples data) {
        double[][] x = new double[data.size()][data.featureCount()];
        double[][] y = new double[data.size()][data.targetCount()];
        for (int c = 0; c < data.size(); c++) {
            for (int i = 0; i < data.featureCount(); i++) {
                x[c][i] = 10.0 * data.feature(c, i);
            }
            for (int k = 0; k < data.targetCount(); k++) {
                y[c][k] = data.target(c, k);
            }
        }
        return Examples.fromRows(x, y);
    }

    @Test
    void theSpecMarksLayersAndPlacesTheirBlocksAfterTheLastTheta() {
        NetworkSpec spec = NetworkSpec.parse("4-5:relu:bn-3:bn-2:softmax");
        assertEquals("4-5:relu:bn-3:sigmoid:bn-2:softmax", spec.toString());
        assertEquals(spec, NetworkSpec.parse(spec.toString()));
        int weights = 5 * 5 + 3 * 6 + 2 * 4;
        assertEquals(weights, spec.thetaEnd(3));
        assertEquals(weights + 4 * 5 + 4 * 3, spec.parameterCount());
        assertEquals(weights, spec.gammaOffset(2));
        assertEquals(weights + 5, spec.betaOffset(2));
        assertEquals(weights + 20, spec.gammaOffset(3));
        assertEquals("σ̄²^(3)_2", spec.describeIndex(spec.runningVarianceOffset(3) + 1));
        assertEquals(2 * 5 + 2 * 3, spec.statisticsCount());
        assertEquals(10, spec.statisticsOffset(3));
        assertEquals(NetworkSpec.parse("4-5:relu-3-2:softmax").thetaEnd(3), spec.thetaEnd(3), "Θ is where it was");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.gammaOffset(4));
        assertEquals("layer 4 of 4-5:relu:bn-3:sigmoid:bn-2:softmax is not batch-normalized", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.toMlpcWeights(new double[spec.parameterCount()]));
    }

    @Test
    void initializationStartsAtTheIdentityNormalizationWithoutBias() {
        NetworkSpec spec = NetworkSpec.parse("3-4:tanh:bn-2:softmax");
        double[] theta = Initialization.course().initialize(spec, 7);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, theta[spec.gammaOffset(2) + i]);
            assertEquals(0.0, theta[spec.betaOffset(2) + i]);
            assertEquals(0.0, theta[spec.runningMeanOffset(2) + i]);
            assertEquals(1.0, theta[spec.runningVarianceOffset(2) + i]);
            assertEquals(0.0, theta[spec.thetaIndex(1, i + 1, 0)], "the bias before a bn layer");
        }
        double[] plain = Initialization.course().initialize(NetworkSpec.parse("3-4:tanh-2:softmax"), 7);
        assertEquals(plain[spec.thetaIndex(1, 1, 1)], theta[spec.thetaIndex(1, 1, 1)], "the same draws");
    }

    /** One identity layer with γ = 1, β = 0: a^(2) over the block has mean 0 and variance σ²/(σ² + ε). */
    @Test
    void aTrainingPassNormalizesEachUnitOverTheBlockAndSumsItsStatistics() {
        NetworkSpec spec = NetworkSpec.parse("3-2:identity:bn-2:softmax");
        double[] theta = theta(spec);
        for (int i = 0; i < 2; i++) {
            theta[spec.gammaOffset(2) + i] = 1.0;
            theta[spec.betaOffset(2) + i] = 0.0;
        }
        Examples data = GradientCheckTest.data(spec, 6);
        Backprop backprop = new Backprop(spec, 6);
        GradientSum sum = new GradientSum();
        backprop.accumulateInto(theta, data, null, 0, 6, sum);
        for (int i = 0; i < 2; i++) {
            double[] z = new double[6];
            double zSum = 0;
            double zSquares = 0;
            for (int c = 0; c < 6; c++) {
                z[c] = theta[spec.thetaIndex(1, i + 1, 0)];
                for (int j = 1; j <= 3; j++) {
                    z[c] += theta[spec.thetaIndex(1, i + 1, j)] * data.feature(c, j - 1);
                }
                zSum += z[c];
                zSquares += z[c] * z[c];
            }
            double mean = zSum / 6;
            double variance = zSquares / 6 - mean * mean;
            double aMean = 0;
            double aSquares = 0;
            for (int c = 0; c < 6; c++) {
                double a = backprop.activation(2, c)[i];
                assertEquals((z[c] - mean) / Math.sqrt(variance + BatchNorm.EPSILON), a, 1e-9);
                aMean += a / 6;
                aSquares += a * a / 6;
            }
            assertEquals(0.0, aMean, 1e-12);
            assertEquals(variance / (variance + BatchNorm.EPSILON), aSquares, 1e-9);
            assertEquals(zSum, sum.statistics()[spec.statisticsOffset(2) + i], 1e-12);
            assertEquals(zSquares, sum.statistics()[spec.statisticsOffset(2) + 2 + i], 1e-12);
        }
    }

    @Test
    void runningStatisticsMoveTowardsTheStepsUnbiasedBatchStatistics() {
        NetworkSpec spec = NetworkSpec.parse("1-1:bn-2:softmax");
        double[] theta = Initialization.course().initialize(spec, 1);
        double[] statistics = {2.0 + 4.0 + 9.0, 4.0 + 16.0 + 81.0}; // z = 2, 4, 9
        BatchNorm.updateRunningStatistics(spec, statistics, 3, theta);
        assertEquals(0.1 * 5.0, theta[spec.runningMeanOffset(2)], 1e-15);
        assertEquals(0.9 * 1.0 + 0.1 * 13.0, theta[spec.runningVarianceOffset(2)], 1e-14); // (9+1+16)/2 = 13
        assertEquals(1.0, theta[spec.gammaOffset(2)], "γ is the optimizer's, not this update's");
    }

    /** Prediction normalizes by θ's running μ̄, σ̄², one example at a time: no batch needed. */
    @Test
    void predictionUsesTheRunningStatistics() {
        NetworkSpec spec = NetworkSpec.parse("2-2:tanh:bn-1:linear");
        double[] theta = theta(spec);
        double[] x = {0.3, -0.7};
        double[] output = new Backprop(spec, 4).predict(theta, x);
        double expected = theta[spec.thetaIndex(2, 1, 0)];
        for (int i = 1; i <= 2; i++) {
            double z = theta[spec.thetaIndex(1, i, 0)] + theta[spec.thetaIndex(1, i, 1)] * x[0]
                    + theta[spec.thetaIndex(1, i, 2)] * x[1];
            double xHat = (z - theta[spec.runningMeanOffset(2) + i - 1])
                    / Math.sqrt(theta[spec.runningVarianceOffset(2) + i - 1] + BatchNorm.EPSILON);
            double u = theta[spec.gammaOffset(2) + i - 1] * xHat + theta[spec.betaOffset(2) + i - 1];
            expected += theta[spec.thetaIndex(2, 1, i)] * Math.tanh(u);
        }
        assertEquals(expected, output[0], 1e-14);
        Trace trace = new Backprop(spec, 1).trace(theta, x, new double[] {0.5});
        assertArrayEquals(output, trace.activation(3), 1e-15);
        assertEquals(theta[spec.runningMeanOffset(2)], trace.normalization(2).mean()[0]);
        assertEquals(theta[spec.runningVarianceOffset(2) + 1], trace.normalization(2).variance()[1]);
    }

    /** In evaluation mode (explain's backward pass) the statistics are constants: a per-unit affine map. */
    @Test
    void theTracesGradientTreatsTheRunningStatisticsAsConstants() {
        NetworkSpec spec = NetworkSpec.parse("2-3:sigmoid:bn-1:sigmoid");
        double[] theta = theta(spec);
        double[] x = {0.4, 0.1};
        double[] y = {1.0};
        Trace trace = new Backprop(spec, 1).trace(theta, x, y);
        double h = 1e-6;
        int p = spec.gammaOffset(2) + 1;
        double[] shifted = theta.clone();
        shifted[p] += h;
        double plus = cost(spec, shifted, x, y);
        shifted[p] -= 2 * h;
        double minus = cost(spec, shifted, x, y);
        assertEquals((plus - minus) / (2 * h), trace.normalization(2).gammaGradient()[1], 1e-8);
    }

    private static double cost(NetworkSpec spec, double[] theta, double[] x, double[] y) {
        return new Backprop(spec, 1).trace(theta, x, y).cost();
    }

    @Test
    void badMarksAreRefusedWithTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse("2-3:bn:relu-1"));
        assertTrue(e.getMessage().startsWith("network spec '2-3:bn:relu-1', layer 2 '3:bn:relu': "), e.getMessage());
    }
}
