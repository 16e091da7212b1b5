package dev.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.GradientSource;
import dev.sparkprop.train.LocalGradient;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.MinibatchPlan;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.Sparsity;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sparse blocks ({@code sparse}) against dense blocks of the same rows: the gradient sums and the
 * Θ that training ends at agree to 1e-12, in one JVM and on Spark with 1, 2 and 3 partitions; and
 * over the same sparse blocks Spark and one JVM agree to the bit, as they do for dense ones.
 */
class SparseTrainingTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("400-9:relu-5:tanh-3:softmax");
    private static final int ROWS = 67;
    private static JavaSparkContext sc;
    private static List<RawExample> rows;

    @BeforeAll
    static void startSpark() {
        sc = SharedSpark.context();
        rows = sparseRows(ROWS, SPEC.inputSize(), 0.015, 23);
    }

    /** n rows of about {@code density} non-zeros, as a LIBSVM file would give them. */
    static List<RawExample> sparseRows(int n, int features, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RawExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> indices = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int j = 0; j < features; j++) {
                if (random.nextDouble() < density) {
                    indices.add(j);
                    values.add(random.nextDouble(0.1, 3));
                }
            }
            out.add(RawExample.sparse("memory", i + 1, Integer.toString(random.nextInt(3)), features,
                    indices.stream().mapToInt(Integer::intValue).toArray(),
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    private static ExampleEncoder encoder() {
        return new ExampleEncoder(3, LabelIndex.fit(List.of("0"), 3), FeatureScaling.none(SPEC.inputSize()));
    }

    private static CachedExamples blocks(int partitions, Sparsity sparsity) {
        return CachedExamples.build(sc.parallelize(rows, 2), encoder(), partitions, Precision.DOUBLE, sparsity,
                "MEMORY_ONLY");
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual, double tolerance, String what) {
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
        assertEquals(expected.length, actual.length);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], tolerance * scale, what + ", entry " + p);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void sparseSumsEqualDenseSums(int partitions) {
        CachedExamples dense = blocks(partitions, Sparsity.DENSE);
        CachedExamples sparse = blocks(partitions, Sparsity.SPARSE);
        assertFalse(dense.isSparse());
        assertTrue(sparse.isSparse());
        assertTrue(sparse.rdd().collect().stream().allMatch(Examples::isSparse));
        assertArrayEquals(dense.partitionSizes(), sparse.partitionSizes());
        double[] rates = {0.3, 0.1};
        SparkGradient onDense = new SparkGradient(sc, dense, SPEC, 2, 8, 1, rates);
        SparkGradient onSparse = new SparkGradient(sc, sparse, SPEC, 2, 8, 1, rates);
        LocalGradient local = new LocalGradient(SPEC, sparse.rdd().collect(), 8, 1, rates);
        double[] theta = dev.sparkprop.nn.Initialization.parse("uniform-fan").initialize(SPEC, 3);
        MinibatchPlan plan = new MinibatchPlan(onSparse.partitionSizes(), 10);
        for (Minibatch batch : List.of(Minibatch.all(), Minibatch.step(plan, 1, 2, 9), Minibatch.step(plan, 0, 6, -1))) {
            GradientSum expected = onDense.sums(theta, batch);
            GradientSum actual = onSparse.sums(theta, batch);
            assertEquals(expected.count(), actual.count());
            assertEquals(expected.correct(), actual.correct());
            assertEquals(expected.cost(), actual.cost(), 1e-12 * Math.abs(expected.cost()));
            assertRelativelyEqual(expected.accumulators(), actual.accumulators(), 1e-12, "Δ");
            GradientSum inOneJvm = local.sums(theta, batch);
            assertArrayEquals(actual.accumulators(), inOneJvm.accumulators(), 0.0, "sparse: Spark = one JVM");
            assertEquals(actual.cost(), inOneJvm.cost(), 0.0);
        }
        MetricSum denseMetrics = onDense.evaluate(theta);
        MetricSum sparseMetrics = onSparse.evaluate(theta);
        assertEquals(denseMetrics.accuracy(), sparseMetrics.accuracy(), 0.0);
        assertEquals(denseMetrics.costSum(), sparseMetrics.costSum(), 1e-12 * Math.abs(denseMetrics.costSum()));
        assertTrue(sparse.storedBytes() < dense.storedBytes() / 10,
                sparse.storedBytes() + " bytes sparse against " + dense.storedBytes() + " dense");
        dense.release();
        sparse.release();
    }

    /** Adam with dropout and L2 for 4 epochs: Θ after training, dense against sparse blocks, to 1e-12. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void trainingEndsAtTheDenseTheta(int partitions) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("network", SPEC.toString(), "train", "in-memory",
                "output", "unused", "batch-size", "16", "epochs", "4", "optimizer", "adam", "learning-rate", "0.01",
                "dropout", "0.2", "lambda", "0.1", "seed", "42"));
        TrainConfig config = TrainConfig.fromMap(values);
        double[] rates = config.network().dropoutRates();
        double[][] results = new double[3][];
        for (int run = 0; run < 3; run++) {
            CachedExamples data = blocks(partitions, run == 0 ? Sparsity.DENSE : Sparsity.SPARSE);
            GradientSource source = run < 2 ? new SparkGradient(sc, data, SPEC, 2, 4, 42, rates)
                    : new LocalGradient(SPEC, data.rdd().collect(), 4, 42, rates);
            double[] theta = config.network().init().initialize(SPEC, 42);
            new Trainer(config, new PrintStream(new ByteArrayOutputStream())).train(theta, source, null, null);
            data.release();
            results[run] = theta;
        }
        assertRelativelyEqual(results[0], results[1], 1e-12, "Θ: sparse against dense blocks");
        assertArrayEquals(results[1], results[2], 0.0, "sparse: Spark = one JVM");
        assertFalse(Arrays.equals(results[0], config.network().init().initialize(SPEC, 42)), "training moved Θ");
    }

    /** auto: sparse under 2% density, dense above, dense in float (sparse blocks compute in double). */
    @Test
    void autoChoosesByDensity() {
        CachedExamples thin = blocks(2, Sparsity.AUTO);
        assertTrue(thin.isSparse(), thin.describeLayout());
        assertEquals(0.015, thin.density(), 0.005);
        assertTrue(thin.describeLayout().startsWith("sparse blocks (density 1."), thin.describeLayout());
        List<RawExample> thick = sparseRows(20, SPEC.inputSize(), 0.05, 5);
        CachedExamples dense = CachedExamples.build(sc.parallelize(thick, 2), encoder(), 2, Precision.DOUBLE,
                Sparsity.AUTO, "MEMORY_ONLY");
        assertFalse(dense.isSparse(), dense.describeLayout());
        CachedExamples inFloat = CachedExamples.build(sc.parallelize(rows, 2), encoder(), 2, Precision.FLOAT,
                Sparsity.AUTO, "MEMORY_ONLY");
        assertFalse(inFloat.isSparse());
        assertTrue(inFloat.rdd().collect().stream().allMatch(Examples::isFloat));
        thin.release();
        dense.release();
        inFloat.release();
    }
}
