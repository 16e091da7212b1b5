package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.GradientDescent;
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

/** Distributed training on a real local Spark equals the single-JVM engine. */
class DistributedTrainerTest {

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

    private static TrainingSet trainingSet(List<RawExample> data, NetworkSpec spec, int partitions) {
        return TrainingSet.build(sc.parallelize(data, 2), encoder(spec, Math.max(2, spec.outputSize())), partitions);
    }

    /** The same rows as one block in one JVM. */
    private static ExampleBlock localBlock(List<RawExample> data, NetworkSpec spec) {
        ExampleEncoder encoder = encoder(spec, Math.max(2, spec.outputSize()));
        int n = data.size();
        double[] x = new double[spec.inputSize() * n];
        double[] y = new double[spec.outputSize() * n];
        for (int c = 0; c < n; c++) {
            encoder.encodeInto(data.get(c), x, c * spec.inputSize(), y, c * spec.outputSize());
        }
        return new ExampleBlock(spec.inputSize(), spec.outputSize(), n, x, y);
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual, double tolerance) {
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], tolerance * scale, "entry " + p);
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 3, 7})
    void aggregatedGradientEqualsTheSingleJvmGradient(int partitions) {
        double[] theta = Initialization.parse("uniform-fan").initialize(SPEC, 3);
        GradientSum local = new GradientSum();
        new Backprop(SPEC, 16).accumulateInto(theta, localBlock(rows, SPEC), null, 0, ROWS, local);
        CostGradient expected = Objective.l2(0.7).costGradient(SPEC, theta, local);

        TrainingSet data = trainingSet(rows, SPEC, partitions);
        assertEquals(partitions, data.partitions());
        CostGradient actual = new DistributedTrainer(sc, SPEC, 0.7, 2, 16, 1).fullGradient(data, theta);
        data.release();

        assertEquals(ROWS, actual.count());
        assertEquals(expected.cost(), actual.cost(), 1e-12 * expected.cost());
        assertRelativelyEqual(expected.gradient(), actual.gradient(), 1e-12);
    }

    @Test
    void threeDistributedStepsEqualThreeLocalSteps() {
        double[] local = Initialization.course().initialize(SPEC, 5);
        double[] distributed = local.clone();
        new LocalTrainer(0.3, 0.1, 3).train(SPEC, local, localBlock(rows, SPEC));

        TrainingSet data = trainingSet(rows, SPEC, 3);
        DistributedTrainer trainer = new DistributedTrainer(sc, SPEC, 0.1, 2, 8, 1);
        MinibatchPlan fullBatch = new MinibatchPlan(data.partitionSizes(), 0);
        for (int epoch = 0; epoch < 3; epoch++) {
            trainer.runEpoch(data, fullBatch, epoch, new GradientDescent(0.3), distributed);
        }
        data.release();
        assertRelativelyEqual(local, distributed, 1e-10);
        assertEquals(3, trainer.timings().steps());
    }

    @Test
    void sameSeedSameModel() {
        double[][] results = new double[2][];
        for (int run = 0; run < 2; run++) {
            TrainingSet data = trainingSet(rows, SPEC, 3);
            double[] theta = Initialization.course().initialize(SPEC, 9);
            DistributedTrainer trainer = new DistributedTrainer(sc, SPEC, 0.0, 2, 4, 42);
            MinibatchPlan plan = new MinibatchPlan(data.partitionSizes(), 10);
            for (int epoch = 0; epoch < 2; epoch++) {
                trainer.runEpoch(data, plan, epoch, new GradientDescent(0.5), theta);
            }
            data.release();
            results[run] = theta;
        }
        assertArrayEquals(results[0], results[1], 0.0);
    }

    /**
     * With one-hot features x^(i) = e_i, a linear output, Θ = 0 and y = 1, the gradient of step s
     * is D_j = -(1/m) [example j is in step s]: it shows exactly which examples a step took.
     */
    @Test
    void minibatchesCoverEveryExampleOncePerEpoch() {
        int n = 23;
        NetworkSpec probe = NetworkSpec.parse(n + "-1:linear");
        List<RawExample> identity = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[n];
            x[i] = 1.0;
            identity.add(new RawExample("memory", i + 1, "1", x));
        }
        TrainingSet data = trainingSet(identity, probe, 3);
        MinibatchPlan plan = new MinibatchPlan(data.partitionSizes(), 5);
        assertEquals(5, plan.stepsPerEpoch());
        DistributedTrainer trainer = new DistributedTrainer(sc, probe, 0.0, 2, 2, 7);
        double[] theta = new double[probe.parameterCount()];
        List<List<Integer>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] visits = new int[n];
            List<Integer> order = new ArrayList<>();
            for (int step = 0; step < plan.stepsPerEpoch(); step++) {
                CostGradient gradient = trainer.stepGradient(data, plan, epoch, step, theta);
                assertEquals(step < 4 ? 5 : 3, gradient.count(), "examples in step " + step);
                for (int j = 0; j < n; j++) {
                    double taken = -gradient.gradient()[probe.thetaIndex(1, 1, j + 1)] * gradient.count();
                    visits[j] += (int) Math.round(taken);
                    if (Math.round(taken) == 1) {
                        order.add(j);
                    }
                }
            }
            int[] once = new int[n];
            Arrays.fill(once, 1);
            assertArrayEquals(once, visits, "epoch " + epoch);
            epochs.add(order);
        }
        data.release();
        assertEquals(n, epochs.get(0).size());
        assertNotSame(epochs.get(0), epochs.get(1));
    }

    private static void assertNotSame(List<Integer> first, List<Integer> second) {
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second, "each epoch reshuffles");
    }

    @Test
    void blocksHoldEveryRowInFileOrder() {
        TrainingSet data = trainingSet(rows, SPEC, 4);
        assertArrayEquals(new long[] {16, 15, 15, 15}, data.partitionSizes());
        var fromBlocks = data.blocks().flatMap(block -> {
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
