package dev.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.nn.BatchNorm;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.train.GradientSource;
import dev.sparkprop.train.LocalGradient;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.MinibatchPlan;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import dev.sparkprop.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient sums on a real local Spark equal the one-JVM source's, and so does training through the one loop. */
class SparkGradientTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("5-7:tanh-4:relu-3:softmax");
    private static final int ROWS = 61;
    private static JavaSparkContext sc;
    private static List<RawExample> rows;

    @BeforeAll
    static void startSpark() {
        sc = SharedSpark.context();
        rows = randomRows(ROWS, SPEC.inputSize(), 3, 17);
    }

    static List<RawExample> randomRows(int n, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RawExample> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
                x[j] = random.nextDouble(-2, 2);
            }
            rows.add(new RawExample("memory", i + 1, Integer.toString(random.nextInt(classes)), x));
        }
        return rows;
    }

    static ExampleEncoder encoder(NetworkSpec spec, int classes) {
        LabelIndex labels = spec.output().isClassification()
                ? LabelIndex.fit(List.of("0"), classes) : null;
        return new ExampleEncoder(spec.outputSize(), labels, FeatureScaling.none(spec.inputSize()));
    }

    private static CachedExamples trainingSet(List<RawExample> data, NetworkSpec spec, int partitions) {
        return CachedExamples.build(sc.parallelize(data, 2), encoder(spec, Math.max(2, spec.outputSize())), partitions);
    }

    /** The same rows as one block in one JVM. */
    private static Examples localBlock(List<RawExample> data, NetworkSpec spec) {
        ExampleEncoder encoder = encoder(spec, Math.max(2, spec.outputSize()));
        int n = data.size();
        double[] x = new double[spec.inputSize() * n];
        double[] y = new double[spec.outputSize() * n];
        for (int c = 0; c < n; c++) {
            encoder.encodeInto(data.get(c), x, c * spec.inputSize(), y, c * spec.outputSize());
        }
        return new Examples(spec.inputSize(), spec.outputSize(), n, x, y);
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual, double tolerance) {
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], tolerance * scale, "entry " + p);
        }
    }

    /** The cached blocks in partition order, as a single JVM would hold them. */
    private static List<Examples> collect(CachedExamples data) {
        return data.rdd().collect();
    }

    private static void assertSameBits(GradientSum expected, GradientSum actual) {
        assertArrayEquals(expected.accumulators(), actual.accumulators(), 0.0, "Δ");
        assertEquals(expected.cost(), actual.cost(), 0.0, "Σ J_1");
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.correct(), actual.correct());
        assertArrayEquals(expected.statistics(), actual.statistics(), 0.0, "Σz, Σz²");
    }

    /**
     * With batch normalization each partition normalizes its own slice, so "equal" has two
     * meanings. The Spark source equals the one-JVM source over the same partitions to the bit, Δ
     * and the batch sums Σz, Σz² alike. Across partition counts Δ differs (the slices' statistics
     * differ), but the batch sums of the first normalized layer, whose z does not depend on any
     * normalization, are the same sums added in another order: equal to 1e-12.
     */
    @Test
    void withBatchNormEachPartitionNormalizesItsSliceAndTheBatchSumsAddUp() {
        NetworkSpec spec = NetworkSpec.parse("5-7:tanh:bn-4:relu:bn-3:softmax");
        double[] theta = Initialization.course().initialize(spec, 3);
        GradientSum[] sums = new GradientSum[3];
        for (int partitions = 1; partitions <= 2; partitions++) {
            CachedExamples data = trainingSet(rows, spec, partitions);
            SparkGradient spark = new SparkGradient(sc, data, spec, 2, 64, 1, new double[0]);
            LocalGradient local = new LocalGradient(spec, collect(data), 64, 1, new double[0]);
            GradientSum sum = spark.sums(theta, Minibatch.all());
            assertSameBits(local.sums(theta, Minibatch.all()), sum);
            sums[partitions] = sum;
            data.release();
        }
        assertEquals(sums[1].count(), sums[2].count());
        int first = spec.statisticsOffset(2);
        for (int p = first; p < first + 2 * 7; p++) {
            assertEquals(sums[1].statistics()[p], sums[2].statistics()[p], 1e-12 * Math.abs(sums[1].statistics()[p]),
                    "Σz or Σz² of layer 2, entry " + p);
        }
        double largest = 0;
        for (int p = 0; p < theta.length; p++) {
            largest = Math.max(largest, Math.abs(sums[1].accumulators()[p] - sums[2].accumulators()[p]));
        }
        assertTrue(largest > 1e-6, "two slices normalized apart give another Δ: " + largest);
    }

    /** The Spark source and the one-JVM source over the same partitions give the same sums, bit for bit. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void sparkSumsEqualLocalSums(int partitions) {
        CachedExamples data = trainingSet(rows, SPEC, partitions);
        double[] rates = {0.3, 0.1};
        SparkGradient spark = new SparkGradient(sc, data, SPEC, 2, 8, 1, rates);
        LocalGradient local = new LocalGradient(SPEC, collect(data), 8, 1, rates);
        assertArrayEquals(local.partitionSizes(), spark.partitionSizes());
        double[] theta = Initialization.course().initialize(SPEC, 3);
        MinibatchPlan plan = new MinibatchPlan(spark.partitionSizes(), 10);
        for (Minibatch batch : List.of(Minibatch.all(), Minibatch.step(plan, 1, 2, 9), Minibatch.step(plan, 0, 6, -1))) {
            assertSameBits(local.sums(theta, batch), spark.sums(theta, batch));
        }
        MetricSum sparkMetrics = spark.evaluate(theta);
        MetricSum localMetrics = local.evaluate(theta);
        assertEquals(localMetrics.count(), sparkMetrics.count());
        assertEquals(localMetrics.accuracy(), sparkMetrics.accuracy(), 0.0);
        assertEquals(localMetrics.costSum(), sparkMetrics.costSum(), 1e-12 * Math.abs(localMetrics.costSum()));
        assertEquals(3, spark.timings().steps());
        data.release();
    }

    /** Any partitioning gives the gradient of all the rows in one block, to rounding. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void aggregatedGradientEqualsTheSingleBlockGradient(int partitions) {
        double[] theta = Initialization.course().initialize(SPEC, 3);
        CostGradient expected = Objective.l2(0.7).costGradient(SPEC, theta,
                LocalGradient.of(SPEC, localBlock(rows, SPEC), 1).sums(theta, Minibatch.all()));
        CachedExamples data = trainingSet(rows, SPEC, partitions);
        CostGradient actual = Objective.l2(0.7).costGradient(SPEC, theta,
                new SparkGradient(sc, data, SPEC, 2, 16, 1, new double[0]).sums(theta, Minibatch.all()));
        data.release();
        assertEquals(ROWS, actual.count());
        assertEquals(expected.cost(), actual.cost(), 1e-12 * Math.abs(expected.cost()));
        assertRelativelyEqual(expected.gradient(), actual.gradient(), 1e-12);
    }

    /** The one training loop on Spark ends where it ends in one JVM, bit for bit, and repeats. */
    @Test
    void theTrainerOnSparkEndsWithTheLocalTheta() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("network", SPEC.toString(), "train", "in-memory",
                "output", "unused", "batch-size", "10", "epochs", "3", "optimizer", "adam", "learning-rate", "0.01",
                "dropout", "0.2", "lambda", "0.1", "seed", "42"));
        TrainConfig config = TrainConfig.fromMap(values);
        double[] rates = config.network().dropoutRates();
        double[][] results = new double[3][];
        for (int run = 0; run < 3; run++) {
            CachedExamples data = trainingSet(rows, SPEC, 3);
            GradientSource source = run < 2 ? new SparkGradient(sc, data, SPEC, 2, 4, 42, rates)
                    : new LocalGradient(SPEC, collect(data), 4, 42, rates);
            double[] theta = config.network().init().initialize(SPEC, 42);
            new Trainer(config, new PrintStream(new ByteArrayOutputStream())).train(theta, source, null, null);
            data.release();
            results[run] = theta;
        }
        assertArrayEquals(results[0], results[1], 0.0, "same seed, same model");
        assertArrayEquals(results[2], results[0], 0.0, "Spark = one JVM");
    }

    /**
     * precision = float: the cached blocks are float (half the bytes), the Spark sums equal the
     * one-JVM sums over the same float blocks to the bit, with dropout and batch normalization, and
     * the Trainer ends at the same Θ on Spark and in one JVM.
     */
    @Test
    void inFloatSparkSumsEqualLocalSumsAndRunsRepeat() throws Exception {
        NetworkSpec spec = NetworkSpec.parse("5-7:tanh:bn-4:relu-3:softmax");
        ExampleEncoder encoder = encoder(spec, 3);
        CachedExamples doubles = CachedExamples.build(sc.parallelize(rows, 2), encoder, 3);
        CachedExamples floats = CachedExamples.build(sc.parallelize(rows, 2), encoder, 3, Precision.FLOAT);
        assertEquals(doubles.storedBytes(), 2 * floats.storedBytes());
        assertTrue(collect(floats).stream().allMatch(Examples::isFloat));
        double[] rates = {0.3, 0.1};
        SparkGradient spark = new SparkGradient(sc, floats, spec, 2, 8, 1, rates);
        LocalGradient local = new LocalGradient(spec, collect(floats), 8, 1, rates);
        double[] theta = Initialization.course().initialize(spec, 3);
        BatchNorm.initializeInto(spec, theta);
        MinibatchPlan plan = new MinibatchPlan(spark.partitionSizes(), 10);
        for (Minibatch batch : List.of(Minibatch.all(), Minibatch.step(plan, 1, 2, 9))) {
            assertSameBits(local.sums(theta, batch), spark.sums(theta, batch));
        }
        GradientSum inDouble = new SparkGradient(sc, doubles, spec, 2, 8, 1, rates).sums(theta, Minibatch.all());
        assertRelativelyEqual(inDouble.accumulators(), spark.sums(theta, Minibatch.all()).accumulators(), 1e-5);

        Map<String, String> values = new HashMap<>(Map.of("network", SPEC.toString(), "train", "in-memory",
                "output", "unused", "batch-size", "10", "epochs", "3", "optimizer", "adam", "learning-rate", "0.01",
                "dropout", "0.2", "seed", "42", "precision", "float"));
        TrainConfig config = TrainConfig.fromMap(values);
        double[][] results = new double[3][];
        for (int run = 0; run < 3; run++) {
            CachedExamples data = CachedExamples.build(sc.parallelize(rows, 2), encoder(SPEC, 3), 3,
                    config.spark().precision());
            GradientSource source = run < 2 ? new SparkGradient(sc, data, SPEC, 2, 4, 42, config.network().dropoutRates())
                    : new LocalGradient(SPEC, collect(data), 4, 42, config.network().dropoutRates());
            double[] trained = config.network().init().initialize(SPEC, 42);
            new Trainer(config, new PrintStream(new ByteArrayOutputStream())).train(trained, source, null, null);
            data.release();
            results[run] = trained;
        }
        assertArrayEquals(results[0], results[1], 0.0, "float: same seed, same model");
        assertArrayEquals(results[2], results[0], 0.0, "float: Spark = one JVM");
        doubles.release();
        floats.release();
    }

    @Test
    void blocksHoldEveryRowInFileOrder() {
        CachedExamples data = trainingSet(rows, SPEC, 4);
        assertArrayEquals(new long[] {16, 15, 15, 15}, data.partitionSizes());
        var fromBlocks = data.rdd().flatMap(block -> {
            List<List<Double>> out = new ArrayList<>();
            for (int c = 0; c < block.size(); c++) {
                List<Double> row = new ArrayList<>();
                for (int i = 0; i < block.featureCount(); i++) {
                    row.add(block.feature(c, i));
                }
                out.add(row);
            }
            return out.iterator();
        });
        List<List<Double>> expected = new ArrayList<>();
        for (RawExample row : rows) {
            expected.add(Arrays.stream(row.features()).boxed().toList());
        }
        JavaRDDComparisons.assertRDDEqualsWithOrder(sc.parallelize(expected, 4), fromBlocks);
        data.release();
    }
}
