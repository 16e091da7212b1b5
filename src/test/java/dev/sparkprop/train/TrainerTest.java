package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training loop itself, over {@link LocalGradient}: no Spark, milliseconds per test. The
 * same loop runs on Spark through {@code spark.SparkGradient}, whose sums equal these to the bit
 * ({@code SparkGradientTest}).
 */
class TrainerTest {

    @TempDir
    Path dir;

    private static final Examples XOR = Examples.fromRows(
            new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}});

    private static final Examples AND = Examples.fromRows(
            new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {0}, {0}, {1}});

    /** n examples of {@code features} values in [-2, 2) with one-hot targets of {@code classes} random classes. */
    static Examples randomBlock(int n, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][features];
        double[][] y = new double[n][classes];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextDouble(-2, 2);
            }
            y[i][random.nextInt(classes)] = 1.0;
        }
        return Examples.fromRows(x, y);
    }

    /** {@code block}'s columns from..to as a block of their own. */
    static Examples columns(Examples block, int from, int to) {
        double[][] x = new double[to - from][block.featureCount()];
        double[][] y = new double[to - from][block.targetCount()];
        for (int c = from; c < to; c++) {
            for (int i = 0; i < block.featureCount(); i++) {
                x[c - from][i] = block.feature(c, i);
            }
            for (int k = 0; k < block.targetCount(); k++) {
                y[c - from][k] = block.target(c, k);
            }
        }
        return Examples.fromRows(x, y);
    }

    /** {@code block} cut into {@code partitions} contiguous, balanced partitions, as Spark caches it. */
    static List<Examples> partitioned(Examples block, int partitions) {
        List<Examples> parts = new ArrayList<>();
        long n = block.size();
        for (int p = 0; p < partitions; p++) {
            parts.add(columns(block, (int) (p * n / partitions), (int) ((p + 1) * n / partitions)));
        }
        return parts;
    }

    private static TrainConfig config(String network, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("network", network);
        values.put("train", "in-memory");
        values.put("output", "unused");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return TrainConfig.fromMap(values);
    }

    private static LocalGradient source(TrainConfig config, Examples data, int partitions) {
        return new LocalGradient(config.network().spec(), partitioned(data, partitions), 8, config.seed(),
                config.network().dropoutRates());
    }

    private record Run(double[] theta, TrainingResult result, String log) {
    }

    private static Run train(TrainConfig config, Examples data, Examples validation, Checkpoints checkpoints)
            throws IOException {
        double[] theta = StartingTheta.of(config, new Configuration());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingResult result = new Trainer(config, new PrintStream(log, true, StandardCharsets.UTF_8)).train(theta,
                source(config, data, 2), validation == null ? null : source(config, validation, 2), checkpoints);
        return new Run(theta, result, log.toString(StandardCharsets.UTF_8));
    }

    private static Run train(TrainConfig config, Examples data) throws IOException {
        return train(config, data, null, null);
    }

    private static double cost(TrainConfig config, double[] theta, Examples data) {
        GradientSum sum = source(config, data, 1).sums(theta, Minibatch.all());
        return Objective.UNREGULARIZED.costGradient(config.network().spec(), theta, sum).cost();
    }

    @Test
    void aSigmoidNetworkLearnsXor() throws IOException {
        TrainConfig config = config("2-4:sigmoid-1:sigmoid", "init", "uniform:1.0", "seed", "7", "learning-rate", "2",
                "epochs", "3000");
        Run run = train(config, XOR);
        assertEquals(1.0, run.result().train().accuracy(), run.log());
        assertTrue(run.result().train().cost() < 0.05, run.log());
        assertEquals(3000, run.result().steps());
        assertEquals(3000, run.result().metricsLines().size());
    }

    @Test
    void zeroInitializationKeepsHiddenUnitsIdentical() throws IOException {
        TrainConfig zeros = config("2-3:sigmoid-1:sigmoid", "init", "zeros", "learning-rate", "1", "epochs", "100");
        double[] stuck = train(zeros, AND).theta();
        NetworkSpec spec = zeros.network().spec();
        assertNotEquals(0.0, stuck[spec.thetaIndex(2, 1, 1)], "training moved the weights");
        for (int i = 2; i <= 3; i++) {
            for (int j = 0; j <= 2; j++) {
                assertEquals(stuck[spec.thetaIndex(1, 1, j)], stuck[spec.thetaIndex(1, i, j)], 0.0, "Θ^(1)_" + i + j);
            }
        }
        double[] moving = train(config("2-3:sigmoid-1:sigmoid", "learning-rate", "1", "epochs", "100"), AND).theta();
        assertNotEquals(moving[spec.thetaIndex(1, 1, 1)], moving[spec.thetaIndex(1, 2, 1)]);
    }

    @Test
    void lambdaShrinksTheWeights() throws IOException {
        double[] plain = train(config("2-4:sigmoid-1:sigmoid", "init", "uniform:1.0", "seed", "7",
                "learning-rate", "2", "epochs", "500"), XOR).theta();
        double[] shrunk = train(config("2-4:sigmoid-1:sigmoid", "init", "uniform:1.0", "seed", "7",
                "learning-rate", "2", "epochs", "500", "lambda", "1"), XOR).theta();
        NetworkSpec spec = NetworkSpec.parse("2-4:sigmoid-1:sigmoid");
        assertTrue(Objective.sumOfSquaredWeights(spec, shrunk) < Objective.sumOfSquaredWeights(spec, plain));
    }

    @Test
    void aDivergingCostStopsWithAClearMessage() {
        TrainConfig config = config("2-4:relu-1:linear", "init", "uniform:1.0", "seed", "7", "learning-rate", "1e6",
                "epochs", "50");
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> train(config, XOR));
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    }

    /**
     * With one-hot features x^(i) = e_i, a linear output, Θ = 0 and y = 1, the gradient of step s
     * is D_j = -(1/m) [example j is in step s]: it shows exactly which examples a step took.
     */
    @Test
    void minibatchesCoverEveryExampleOncePerEpochAndEpochsReshuffle() {
        int n = 23;
        NetworkSpec probe = NetworkSpec.parse(n + "-1:linear");
        double[][] x = new double[n][n];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][i] = 1.0;
            y[i][0] = 1.0;
        }
        LocalGradient source = new LocalGradient(probe, partitioned(Examples.fromRows(x, y), 3), 2, 7,
                new double[0]);
        MinibatchPlan plan = new MinibatchPlan(source.partitionSizes(), 5);
        assertEquals(5, plan.stepsPerEpoch());
        double[] theta = new double[probe.parameterCount()];
        List<List<Integer>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] visits = new int[n];
            List<Integer> order = new ArrayList<>();
            for (int step = 0; step < plan.stepsPerEpoch(); step++) {
                CostGradient gradient = Objective.UNREGULARIZED.costGradient(probe, theta,
                        source.sums(theta, Minibatch.step(plan, epoch, step, -1)));
                assertEquals(step < 4 ? 5 : 3, gradient.count(), "examples in step " + step);
                for (int j = 0; j < n; j++) {
                    long taken = Math.round(-gradient.gradient()[probe.thetaIndex(1, 1, j + 1)] * gradient.count());
                    visits[j] += (int) taken;
                    if (taken == 1) {
                        order.add(j);
                    }
                }
            }
            int[] once = new int[n];
            Arrays.fill(once, 1);
            assertArrayEquals(once, visits, "epoch " + epoch);
            epochs.add(order);
        }
        assertNotEquals(epochs.get(0), epochs.get(1), "each epoch reshuffles");
    }

    @Test
    void lbfgsBeatsGradientDescentInTheSameNumberOfPasses() throws IOException {
        Examples data = randomBlock(60, 4, 3, 5);
        Run lbfgs = train(config("4-8:tanh-3:softmax", "init", "xavier", "optimizer", "lbfgs", "epochs", "25"), data);
        Run descent = train(config("4-8:tanh-3:softmax", "init", "xavier", "learning-rate", "0.3",
                "epochs", Long.toString(lbfgs.result().steps())), data);
        double lbfgsCost = cost(config("4-8:tanh-3:softmax"), lbfgs.theta(), data);
        double descentCost = cost(config("4-8:tanh-3:softmax"), descent.theta(), data);
        assertTrue(lbfgsCost < descentCost, "L-BFGS " + lbfgsCost + " vs GD " + descentCost);
        assertTrue(lbfgs.result().metricsLines().get(0).startsWith("{\"iteration\":"), lbfgs.result().metricsLines().get(0));
    }

    @ParameterizedTest
    @CsvSource({"sgd,0.3,constant", "momentum,0.1,constant", "nesterov,0.1,step:0.5:10", "adam,0.05,cosine:40"})
    void eachOptimizerAndScheduleLowersTheCost(String optimizer, String rate, String schedule) throws IOException {
        Examples data = randomBlock(60, 4, 3, 5);
        TrainConfig config = config("4-8:tanh-3:softmax", "init", "xavier", "optimizer", optimizer,
                "learning-rate", rate, "schedule", schedule, "batch-size", "16", "epochs", "10");
        double before = cost(config, config.network().init().initialize(config.network().spec(), 1), data);
        double after = cost(config, train(config, data).theta(), data);
        assertTrue(after < 0.9 * before, optimizer + ": " + before + " -> " + after);
    }

    @Test
    void aScheduleChangesTheSteps() throws IOException {
        Examples data = randomBlock(60, 4, 3, 5);
        double[] constant = train(config("4-8:tanh-3:softmax", "batch-size", "16", "epochs", "3"), data).theta();
        double[] decayed = train(config("4-8:tanh-3:softmax", "batch-size", "16", "epochs", "3",
                "schedule", "step:0.5:4"), data).theta();
        double[] sameFirstSteps = train(config("4-8:tanh-3:softmax", "batch-size", "16", "epochs", "1",
                "schedule", "step:0.5:4"), data).theta();
        double[] constantFirstSteps = train(config("4-8:tanh-3:softmax", "batch-size", "16", "epochs", "1"),
                data).theta();
        assertArrayEquals(constantFirstSteps, sameFirstSteps, 0.0, "the rate drops only after step 4");
        assertFalse(Arrays.equals(constant, decayed));
    }

    @Test
    void dropoutRateZeroTrainsExactlyAsNoDropoutAndMasksRepeatWithTheSeed() throws IOException {
        Examples data = randomBlock(60, 4, 3, 5);
        String[] base = {"batch-size", "16", "epochs", "3"};
        double[] plain = train(config("4-8:tanh-3:softmax", base), data).theta();
        double[] zero = train(config("4-8:tanh-3:softmax", concat(base, "dropout", "0")), data).theta();
        double[] dropped = train(config("4-8:tanh-3:softmax", concat(base, "dropout", "0.3")), data).theta();
        double[] again = train(config("4-8:tanh-3:softmax", concat(base, "dropout", "0.3")), data).theta();
        double[] otherSeed = train(config("4-8:tanh-3:softmax", concat(base, "dropout", "0.3", "seed", "2")),
                data).theta();
        assertArrayEquals(plain, zero, 0.0);
        assertArrayEquals(dropped, again, 0.0, "masks repeat with the seed");
        assertFalse(Arrays.equals(plain, dropped));
        assertFalse(Arrays.equals(dropped, otherSeed));
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Random labels: a wide network memorizes the training rows and the validation cost climbs. */
    @Test
    void earlyStoppingStopsOnAPlateauAndRestoresTheBestEpoch() throws IOException {
        Examples data = randomBlock(40, 6, 2, 1);
        Examples validation = randomBlock(40, 6, 2, 2);
        TrainConfig config = config("6-64:tanh-2:softmax", "init", "xavier", "learning-rate", "0.5", "epochs", "400",
                "early-stopping-patience", "5", "validation", "in-memory");
        Run run = train(config, data, validation, null);
        TrainingResult result = run.result();
        assertEquals(true, result.stoppedEarly(), run.log());
        assertTrue(result.epochs() < 400 && result.bestEpoch() == result.epochs() - 5,
                "best " + result.bestEpoch() + ", ran " + result.epochs());
        String bestLine = result.metricsLines().get(result.bestEpoch() - 1);
        double bestCost = Double.parseDouble(bestLine.replaceAll(".*\"validation_cost\":([^,}]+).*", "$1"));
        assertEquals(bestCost, result.validation().cost(), 1e-6, "the kept Θ is the best epoch's");
        assertTrue(run.log().contains("restored the best epoch, " + result.bestEpoch()), run.log());
    }

    /**
     * Stopped after a checkpoint and resumed, the loop walks exactly the steps that were left; a
     * batch-normalized network's running statistics are in the checkpointed θ, so it too ends the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"4-8:tanh-3:softmax", "4-8:tanh:bn-3:softmax"})
    void aRunResumedFromAMidEpochCheckpointEndsWithTheSameTheta(String network) throws IOException {
        Examples data = randomBlock(60, 4, 3, 5);
        String[] base = {"batch-size", "16", "epochs", "4", "optimizer", "adam", "learning-rate", "0.01",
            "dropout", "0.2", "schedule", "cosine:16"};
        NetworkSpec spec = NetworkSpec.parse(network);
        double[] whole = train(config(network, base), data).theta();

        String checkpointDir = dir.resolve("ckpt").toString();
        TrainConfig first = config(network, concat(base, "epochs", "2", "checkpoint-dir", checkpointDir,
                "checkpoint-steps", "3"));
        Checkpoints checkpoints = checkpoints(first, spec, checkpointDir);
        train(first, data, null, checkpoints); // 8 steps: checkpoints after steps 3 and 6 are kept, then the end
        TrainConfig resumed = config(network, concat(base, "resume", checkpointDir,
                "checkpoint-steps", "3"));
        Run rest = train(resumed, data, null, checkpoints(resumed, spec, checkpointDir));
        assertTrue(rest.log().contains("sparkprop: resuming at epoch 2, step 3 (global step 6)"), rest.log());
        assertArrayEquals(whole, rest.theta(), 0.0);
        assertEquals(4, rest.result().metricsLines().size());
    }

    /**
     * One full-batch Adam step over two partitions: μ̄ and σ̄² are exactly the decayed statistics
     * of z^(2) over all 40 examples at the initial θ (each partition normalized its own half, but
     * their sums add up to the whole batch's), whatever Adam and L2 did to the rest of θ.
     */
    @Test
    void theRunningStatisticsFollowTheStepsBatchStatisticsAndNothingElse() throws IOException {
        Examples data = randomBlock(40, 4, 3, 5);
        TrainConfig config = config("4-6:tanh:bn-3:softmax", "batch-size", "0", "epochs", "1", "optimizer", "adam",
                "learning-rate", "0.1", "lambda", "0.5");
        NetworkSpec spec = config.network().spec();
        double[] start = config.network().init().initialize(spec, config.seed());
        double[] theta = train(config, data).theta();
        for (int i = 1; i <= 6; i++) {
            double sum = 0;
            double squares = 0;
            for (int c = 0; c < 40; c++) {
                double z = start[spec.thetaIndex(1, i, 0)];
                for (int j = 1; j <= 4; j++) {
                    z += start[spec.thetaIndex(1, i, j)] * data.feature(c, j - 1);
                }
                sum += z;
                squares += z * z;
            }
            double mean = sum / 40;
            double variance = (squares / 40 - mean * mean) * 40 / 39;
            assertEquals(0.1 * mean, theta[spec.runningMeanOffset(2) + i - 1], 1e-14);
            assertEquals(0.9 + 0.1 * variance, theta[spec.runningVarianceOffset(2) + i - 1], 1e-13);
            assertNotEquals(1.0, theta[spec.gammaOffset(2) + i - 1], "γ was trained");
            assertEquals(0.0, theta[spec.thetaIndex(1, i, 0)], "the bias before bn stays 0");
        }
    }

    @Test
    void lbfgsIsRefusedForABatchNormalizedNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("4-6:tanh:bn-3:softmax",
                "optimizer", "lbfgs", "batch-size", "0"));
        assertTrue(e.getMessage().startsWith("optimizer=lbfgs: network 4-6:tanh:bn-3:softmax has batch-normalized"
                + " layers"), e.getMessage());
    }

    private static Checkpoints checkpoints(TrainConfig config, NetworkSpec spec, String directory) throws IOException {
        return new Checkpoints(directory, 2, new Configuration(), theta -> new Model(spec, theta,
                LabelIndex.fit(List.of("0", "1", "2"), 3), FeatureScaling.none(spec.inputSize()),
                Provenance.now(config.toMap(), "none")));
    }

    /**
     * The notes' worked example end to end through the loop: Θ from {@code conf/worked-example.theta}
     * ({@code init = theta:FILE}), the one example, full batch, α = 0.5, b1 and b2 held. 10,000 steps
     * end at E = 3.5101878e-05 with outputs 0.01591362 and 0.98406427 (README, Lab 2).
     */
    @Test
    void theWorkedExampleFromItsGivenThetaWithTheBiasesFixed() throws IOException {
        Examples mazur = Examples.fromRows(new double[][] {{0.05, 0.10}}, new double[][] {{0.01, 0.99}});
        TrainConfig config = config("2-2:sigmoid-2:sigmoid/squared", "init", "theta:conf/worked-example.theta",
                "fixed-biases", "true", "learning-rate", "0.5", "epochs", "10000");
        double[] theta = StartingTheta.of(config, new Configuration());
        TrainingResult result = new Trainer(config, new PrintStream(OutputStream.nullOutputStream())).train(theta,
                source(config, mazur, 1), null, null);
        Run run = new Run(theta, result, "");
        assertEquals(3.5101878e-05, cost(config, run.theta(), mazur), 0.5e-12);
        double[] outputs = new Backprop(config.network().spec(), 1).predict(run.theta(), new double[] {0.05, 0.10});
        assertEquals(0.01591362, outputs[0], 0.5e-8);
        assertEquals(0.98406427, outputs[1], 0.5e-8);
        NetworkSpec spec = config.network().spec();
        assertEquals(0.35, run.theta()[spec.thetaIndex(1, 2, 0)]);
        assertEquals(0.60, run.theta()[spec.thetaIndex(2, 1, 0)]);
        assertEquals(0.298371109, run.result().history().get(0).train().cost(), 0.5e-6,
                "the first epoch's cost is the given Θ's");
    }

    /** D of a bias is 0 under fixed-biases, so no rule moves one, however it keeps its state. */
    @Test
    void fixedBiasesStayUnderEveryUpdateRule() throws IOException {
        for (String optimizer : List.of("sgd", "momentum", "adam", "lbfgs")) {
            TrainConfig config = config("2-3:sigmoid-1:sigmoid", "fixed-biases", "true", "optimizer", optimizer,
                    "epochs", "20", "learning-rate", "0.5", "init-bias", "0.25");
            Run run = train(config, XOR);
            NetworkSpec spec = config.network().spec();
            for (int l = 1; l < spec.layerCount(); l++) {
                for (int p = spec.thetaOffset(l); p < spec.weightOffset(l); p++) {
                    assertEquals(0.25, run.theta()[p], optimizer + ": θ[" + p + "]");
                }
                assertNotEquals(0.25, run.theta()[spec.weightOffset(l)], optimizer + ": the weights moved");
            }
        }
    }

    /**
     * {@code tol}: the run stops after the first epoch whose J fell by less than tol of the epoch
     * before's, and not one epoch earlier; with tol = 0 it runs every epoch.
     */
    @Test
    void tolStopsOnceAnEpochImprovesTooLittle() throws IOException {
        Run converging = train(config("2-1:sigmoid", "epochs", "3000", "learning-rate", "1", "tol", "1e-2"), AND);
        List<EpochMetrics> history = converging.result().history();
        int last = history.size() - 1;
        assertTrue(last + 1 < 3000, "stopped before the last epoch: " + (last + 1));
        double before = history.get(last - 1).train().cost();
        assertTrue(before - history.get(last).train().cost() < 1e-2 * before, "the last epoch improved too little");
        for (int e = 1; e < last; e++) {
            double previous = history.get(e - 1).train().cost();
            assertTrue(previous - history.get(e).train().cost() >= 1e-2 * previous, "epoch " + (e + 1) + " did not");
        }
        assertTrue(converging.log().contains("sparkprop: converged in epoch " + (last + 1) + ": the training cost went"
                + " from "), converging.log());
        assertEquals(3000, train(config("2-1:sigmoid", "epochs", "3000", "learning-rate", "1"), AND)
                .result().epochs());
    }

    /**
     * A rise is not convergence: stochastic descent on AND at a large α has epochs whose J rises,
     * and tol = 1e-6 (Spark ML's default) lets the run go on past every one of them.
     */
    @Test
    void aRisingEpochDoesNotStopTheRun() throws IOException {
        Run noisy = train(config("2-1:sigmoid", "epochs", "60", "learning-rate", "20", "batch-size", "1",
                "tol", "1e-6"), AND);
        List<EpochMetrics> history = noisy.result().history();
        int rises = 0;
        for (int e = 1; e < history.size() - 1; e++) {
            if (history.get(e).train().cost() > history.get(e - 1).train().cost()) {
                rises++;
            }
        }
        assertTrue(rises > 0, "no epoch's cost rose; the test needs one");
        assertEquals(60, history.size(), noisy.log());
    }
}
