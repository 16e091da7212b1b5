package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The single-precision kernel (generated from {@link Backprop}'s source) against the double one:
 * the same sums to float's precision, for every kind of layer the template carries, and the same
 * bits every time it runs.
 */
class FloatBackpropTest {

    private static final int M = 300; // two blocks of 256 and a short one of 44: blocks are summed in double

    private static Examples data(NetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[M][spec.inputSize()];
        double[][] y = new double[M][spec.outputSize()];
        for (int c = 0; c < M; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = random.nextDouble(-1, 1);
            }
            if (spec.output() == Output.LINEAR) {
                y[c][0] = random.nextDouble(-1, 1);
            } else {
                y[c][random.nextInt(spec.outputSize())] = 1.0;
            }
        }
        return Examples.fromRows(x, y);
    }

    private static double[] theta(NetworkSpec spec) {
        double[] theta = new double[spec.parameterCount()];
        SplittableRandom random = new SplittableRandom(7);
        for (int p = 0; p < theta.length; p++) {
            theta[p] = random.nextDouble(-0.5, 0.5);
        }
        if (spec.hasNormalization()) {
            BatchNorm.initializeInto(spec, theta);
        }
        return theta;
    }

    private static GradientSum floatSums(NetworkSpec spec, double[] theta, Examples examples, Dropout dropout) {
        GradientSum sum = new GradientSum();
        new FloatBackprop(spec, 256).accumulateInto(dev.sparkprop.linalg.DoubleArrays.toFloat(theta),
                examples.toFloat(), null, 0, M, dropout, sum);
        return sum;
    }

    /**
     * Σ J_1 and every Δ entry of {@code rounded} (the float kernel's) within 1e-5 of {@code exact}'s:
     * float's unit roundoff is 6e-8, and a few hundred rounded products per sum stay far inside.
     */
    private static void assertSumsAgree(NetworkSpec spec, GradientSum exact, GradientSum rounded, String label) {
        assertEquals(exact.cost(), rounded.cost(), 1e-5 * Math.abs(exact.cost()), label + ": Σ J_1");
        double largest = 0;
        for (double value : exact.accumulators()) {
            largest = Math.max(largest, Math.abs(value));
        }
        for (int p = 0; p < spec.parameterCount(); p++) {
            assertEquals(exact.accumulators()[p], rounded.accumulators()[p], 1e-5 * largest,
                    label + ": Δ at " + spec.describeIndex(p));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"5-8:sigmoid-3:softmax", "5-8:relu-6:tanh-3:sigmoid", "5-6:maxout:3-4:abs-1:linear",
        "5-8:leaky-relu:0.1:bn-7:softplus-3:softmax", "5-4:sigmoid-2:sigmoid/squared"})
    void floatSumsEqualDoubleSumsToFloatPrecision(String network) {
        NetworkSpec spec = NetworkSpec.parse(network);
        double[] theta = theta(spec);
        Examples examples = data(spec, 3);
        GradientSum exact = new GradientSum();
        new Backprop(spec, 256).accumulateInto(theta, examples, null, 0, M, exact);
        GradientSum rounded = floatSums(spec, theta, examples, Dropout.NONE);

        assertEquals(exact.count(), rounded.count());
        assertEquals(exact.correct(), rounded.correct(), 3, network + ": examples classified right");
        assertSumsAgree(spec, exact, rounded, network);
        assertTrue(!java.util.Arrays.equals(exact.accumulators(), rounded.accumulators()),
                network + ": the float kernel ran in float (its sums differ from double's in the last bits)");
        if (spec.hasNormalization()) {
            for (int s = 0; s < spec.statisticsCount(); s++) {
                assertEquals(exact.statistics()[s], rounded.statistics()[s], 1e-5 * Math.abs(exact.statistics()[s]) + 1e-5);
            }
        }
    }

    @Test
    void floatSumsEqualDoubleSumsWithTheSameDropoutMasks() {
        NetworkSpec spec = NetworkSpec.parse("5-8:relu-6:relu-3:softmax");
        double[] theta = theta(spec);
        Examples examples = data(spec, 4);
        GradientSum exact = new GradientSum();
        new Backprop(spec, 256).accumulateInto(theta, examples, null, 0, M,
                new Dropout(new double[] {0.2, 0.5}, Dropout.stepSeed(1, 3, 0)), exact);
        GradientSum rounded = floatSums(spec, theta, examples, new Dropout(new double[] {0.2, 0.5},
                Dropout.stepSeed(1, 3, 0)));
        assertSumsAgree(spec, exact, rounded, "with dropout");
        GradientSum undropped = floatSums(spec, theta, examples, Dropout.NONE);
        assertTrue(Math.abs(undropped.cost() - rounded.cost()) > 1e-3 * Math.abs(exact.cost()),
                "the masks dropped units: the sums differ from the dropout-free ones by far more than rounding");
    }

    @Test
    void floatSumsRepeatBitForBitWithDropout() {
        NetworkSpec spec = NetworkSpec.parse("5-8:relu-6:relu-3:softmax");
        double[] theta = theta(spec);
        Examples examples = data(spec, 4);
        Dropout dropout = new Dropout(new double[] {0.2, 0.5}, Dropout.stepSeed(1, 3, 0));
        GradientSum first = floatSums(spec, theta, examples, dropout);
        GradientSum again = floatSums(spec, theta, examples, new Dropout(new double[] {0.2, 0.5},
                Dropout.stepSeed(1, 3, 0)));
        assertArrayEquals(first.accumulators(), again.accumulators());
        assertEquals(first.cost(), again.cost());
    }

    @Test
    void floatStorageHalvesTheBytesAndReadsBackInEitherPrecision() {
        NetworkSpec spec = NetworkSpec.parse("5-4:sigmoid-3:softmax");
        Examples examples = data(spec, 5);
        Examples stored = examples.toFloat();
        assertEquals(examples.storedBytes(), 2 * stored.storedBytes());
        assertEquals(8L * (5 + 3) * M, examples.storedBytes());
        double[] widened = new double[5];
        float[] rounded = new float[5];
        stored.copyFeatures(7, widened, 0);
        examples.copyFeatures(7, rounded, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals((float) examples.feature(7, i), widened[i]);
            assertEquals((float) examples.feature(7, i), rounded[i]);
            assertEquals(widened[i], stored.feature(7, i));
        }
    }
}
