package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sparse-input kernel against the dense one on the same examples: the same sums to 1e-12. */
class SparseInputTest {

    /** m examples of {@code spec}, about {@code density} of their features non-zero, as compressed rows. */
    static Examples sparseBlock(NetworkSpec spec, int m, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = spec.inputSize();
        int k = spec.outputSize();
        int[] rowPointers = new int[m + 1];
        List<Integer> columns = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        double[] targets = new double[k * m];
        for (int c = 0; c < m; c++) {
            for (int j = 0; j < n; j++) {
                if (random.nextDouble() < density) {
                    columns.add(j);
                    values.add(random.nextDouble(-2, 2));
                }
            }
            rowPointers[c + 1] = columns.size();
            targets[c * k + (k == 1 ? 0 : random.nextInt(k))] = k == 1 ? random.nextInt(2) : 1.0;
        }
        return Examples.sparse(n, k, m, rowPointers, columns.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray(), targets);
    }

    /** The same examples stored dense. */
    static Examples dense(Examples sparse) {
        int n = sparse.featureCount();
        int k = sparse.targetCount();
        double[] features = new double[n * sparse.size()];
        double[] targets = new double[k * sparse.size()];
        for (int c = 0; c < sparse.size(); c++) {
            sparse.copyFeatures(c, features, c * n);
            sparse.copyTargets(c, targets, c * k);
        }
        return new Examples(n, k, sparse.size(), features, targets);
    }

    static void assertClose(double[] expected, double[] actual, double relative) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, actual.length);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], relative * scale, "entry " + p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"300-16:relu-8:tanh-5:softmax", "300-6:maxout:2-3:softmax", "300-12:relu:bn-4:softmax",
            "300-5:abs-1:sigmoid", "300-7:sigmoid-1:linear"})
    void gradientSumsEqualTheDenseKernels(String network) {
        NetworkSpec spec = NetworkSpec.parse(network);
        Examples sparse = sparseBlock(spec, 83, 0.03, 7);
        Examples dense = dense(sparse);
        double[] theta = Initialization.parse("uniform-fan").initialize(spec, 3);
        int[] order = new int[83];
        for (int c = 0; c < 83; c++) {
            order[c] = (c * 37) % 83;
        }
        Dropout dropout = new Dropout(Dropout.perHiddenLayer(new double[] {0.3}, spec), 5);
        for (Dropout each : List.of(Dropout.NONE, dropout)) {
            GradientSum expected = new GradientSum();
            new Backprop(spec, 16).accumulateInto(theta, dense, order, 4, 80, each, expected);
            GradientSum actual = new GradientSum();
            Backprop.forSparseInput(spec, 16).accumulateInto(theta, sparse, order, 4, 80, each, actual);
            assertEquals(expected.count(), actual.count());
            assertEquals(expected.correct(), actual.correct());
            assertEquals(expected.cost(), actual.cost(), 1e-12 * Math.abs(expected.cost()));
            assertClose(expected.accumulators(), actual.accumulators(), 1e-12);
            if (spec.hasNormalization()) {
                assertClose(expected.statistics(), actual.statistics(), 1e-12);
            }
        }
        double[] expectedOutputs = new double[spec.outputSize() * 83];
        double[] actualOutputs = new double[spec.outputSize() * 83];
        double expectedCost = new Backprop(spec, 10).predictInto(theta, dense, 0, 83, expectedOutputs, 0);
        double actualCost = Backprop.forSparseInput(spec, 10).predictInto(theta, sparse, 0, 83, actualOutputs, 0);
        assertClose(expectedOutputs, actualOutputs, 1e-12);
        assertEquals(expectedCost, actualCost, 1e-12 * Math.abs(expectedCost));
        assertEquals(new Backprop(spec, 16).costSum(theta, dense, null, 0, 83),
                new Backprop(spec, 16).costSum(theta, sparse, null, 0, 83), 0.0,
                "the dense kernel reads compressed rows expanded: the same bits");
    }

    @Test
    void compressedRowsStoreTheirNonZerosOnly() {
        NetworkSpec spec = NetworkSpec.parse("1000-4:relu-3:softmax");
        Examples sparse = sparseBlock(spec, 50, 0.01, 11);
        long stored = sparse.storedFeatureCount();
        assertTrue(stored > 300 && stored < 700, "about 1% of 50,000: " + stored);
        assertEquals(stored * 12 + 51 * 4 + 50 * 3 * 8, sparse.storedBytes());
        assertEquals(dense(sparse).feature(17, 999), sparse.feature(17, 999), 0.0);
        for (int c = 0; c < 50; c++) {
            for (int j = 0; j < 1000; j++) {
                assertEquals(dense(sparse).feature(c, j), sparse.feature(c, j), 0.0);
            }
        }
    }

    @Test
    void mismatchedStorageIsRefusedInOneLine() {
        NetworkSpec spec = NetworkSpec.parse("20-4:relu-3:softmax");
        Examples sparse = sparseBlock(spec, 5, 0.2, 1);
        double[] theta = Initialization.parse("uniform").initialize(spec, 1);
        IllegalArgumentException denseIntoSparse = assertThrows(IllegalArgumentException.class,
                () -> Backprop.forSparseInput(spec, 4).accumulateInto(theta, dense(sparse), null, 0, 5, new GradientSum()));
        assertEquals("this kernel reads sparse input (Backprop.forSparseInput); the examples are stored dense",
                denseIntoSparse.getMessage());
        assertEquals("sparse examples are stored and computed in double only",
                assertThrows(IllegalStateException.class, sparse::toFloat).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Examples.sparse(20, 3, 1, new int[] {0, 2},
                new int[] {5, 5}, new double[] {1, 2}, new double[3]));
    }
}
