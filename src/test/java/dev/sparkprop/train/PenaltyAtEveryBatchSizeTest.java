package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * λ means the notes' λ at every batch size: the same data and λ trained with minibatches of 50,
 * of 500 and with the whole training set (m = 1,000) put (λ/m)Θ into D, m the training set's, not
 * the step's; and the J reported for the training set is the notes' J at the final Θ, computed
 * here again from the outputs and the weights alone. A checkpoint from before the rule resumes
 * only where the rule changes nothing.
 */
class PenaltyAtEveryBatchSizeTest {

    @TempDir
    Path dir;

    private static final int M = 1000;
    private static final double LAMBDA = 3.0;
    private static final double ALPHA = 0.2;
    private static final Examples DATA = TrainerTest.randomBlock(M, 4, 3, 11);

    private static TrainConfig config(int batchSize) {
        Map<String, String> values = new HashMap<>();
        values.put("network", "4-6:tanh-3:softmax");
        values.put("train", "in-memory");
        values.put("output", "unused");
        values.put("init", "xavier");
        values.put("seed", "5");
        values.put("epochs", "3");
        values.put("learning-rate", Double.toString(ALPHA));
        values.put("lambda", Double.toString(LAMBDA));
        values.put("batch-size", Integer.toString(batchSize));
        return TrainConfig.fromMap(values);
    }

    private static LocalGradient source(TrainConfig config) {
        return new LocalGradient(config.network().spec(), TrainerTest.partitioned(DATA, 2), 64, config.seed(),
                new double[0]);
    }

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** 0 is the whole training set (batch gradient descent). */
    @ParameterizedTest
    @ValueSource(ints = {50, 500, 0})
    void theLoopsDHasThePenaltyOverTheTrainingSetsM(int batchSize) throws IOException {
        TrainConfig config = config(batchSize);
        NetworkSpec spec = config.network().spec();
        LocalGradient source = source(config);
        Trainer trainer = new Trainer(config, QUIET);
        double[] theta = config.network().init().initialize(spec, config.seed());
        MinibatchPlan plan = new MinibatchPlan(source.partitionSizes(), batchSize);
        int b = batchSize == 0 ? M : batchSize;

        // One step's D against its data part Δ/b: the difference is (λ/m)Θ on the weights, 0 on the biases.
        GradientSum sum = source.sums(theta, Minibatch.step(plan, 0, 0, 0));
        assertEquals(b, sum.count());
        double[] d = trainer.costGradient(sum, theta, source.count()).gradient();
        double[] dataPart = Objective.UNREGULARIZED.costGradient(spec, theta, sum).gradient();
        boolean[] weight = weights(spec);
        for (int p = 0; p < theta.length; p++) {
            double penalty = weight[p] ? LAMBDA / M * theta[p] : 0.0;
            assertEquals(penalty, d[p] - dataPart[p], 1e-15, "D - Δ/b at parameter " + p);
        }

        // The loop itself: one epoch of plain steps, replayed here with D = Δ/b + (λ/m)Θ written out.
        double[] replayed = theta.clone();
        for (int step = 0; step < plan.stepsPerEpoch(); step++) {
            GradientSum stepSum = source.sums(replayed, Minibatch.step(plan, 0, step, step));
            double[] accumulators = stepSum.accumulators();
            double[] gradient = new double[replayed.length];
            for (int p = 0; p < replayed.length; p++) {
                gradient[p] = accumulators[p] / stepSum.count() + (weight[p] ? LAMBDA / M * replayed[p] : 0.0);
            }
            for (int p = 0; p < replayed.length; p++) {
                replayed[p] -= ALPHA * gradient[p];
            }
        }
        double[] trained = theta.clone();
        new Trainer(config.with(ConfigKeys.EPOCHS, "1"), QUIET).train(trained, source(config), null, null);
        assertArrayEquals(replayed, trained, 1e-12, "one epoch at batch size " + b);
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 500, 0})
    void theReportedTrainCostIsTheNotesJAtTheFinalTheta(int batchSize) throws IOException {
        TrainConfig config = config(batchSize);
        NetworkSpec spec = config.network().spec();
        LocalGradient source = source(config);
        Trainer trainer = new Trainer(config, QUIET);
        double[] theta = config.network().init().initialize(spec, config.seed());
        trainer.train(theta, source, null, null);

        double reported = trainer.judgeTraining(source.evaluate(theta), theta).cost();
        double expected = notesJ(spec, theta, LAMBDA);
        assertEquals(expected, reported, 1e-12);
        assertTrue(expected - notesJ(spec, theta, 0.0) > 1e-3, "the penalty is a visible part of J");
    }

    @Test
    void aCheckpointWrittenUnderTheStepRuleResumesOnlyWhereTheRuleChangesNothing() throws IOException {
        NetworkSpec spec = config(50).network().spec();
        Map<String, TrainConfig> runs = new LinkedHashMap<>();
        runs.put("minibatches and λ", config(50));
        runs.put("full batch", config(0));
        runs.put("no penalty", config(50).with(ConfigKeys.LAMBDA, "0"));
        for (Map.Entry<String, TrainConfig> run : runs.entrySet()) {
            String directory = dir.resolve(run.getKey().replace(' ', '-')).toString();
            TrainConfig first = run.getValue().with(ConfigKeys.EPOCHS, "1").with(ConfigKeys.CHECKPOINT_DIR, directory)
                    .with(ConfigKeys.CHECKPOINT_STEPS, "1");
            // A file as the previous build wrote it: the same header without the penalty.m note.
            Provenance before = new Provenance(first.toMap(), Map.of(), "0.1.0", "3.5", "17", null, Map.of());
            new Trainer(first, QUIET).train(config(50).network().init().initialize(spec, 5), source(first), null,
                    checkpoints(spec, directory, before));
            TrainConfig resumed = run.getValue().with(ConfigKeys.RESUME, directory);
            Checkpoints restored = checkpoints(spec, directory, before);
            double[] theta = new double[spec.parameterCount()];
            if (run.getKey().equals("minibatches and λ")) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> new Trainer(resumed, QUIET).train(theta, source(resumed), null, restored));
                assertEquals("resume=" + directory + ": the checkpoint was written when lambda and l1 were divided by"
                        + " the 50 examples of one step, not by the 1000 training examples, so it minimized another J;"
                        + " train afresh (the same penalty is now lambda x 1000/50)", refused.getMessage());
            } else {
                new Trainer(resumed, QUIET).train(theta, source(resumed), null, restored); // the same J either way
            }
        }
    }

    private static Checkpoints checkpoints(NetworkSpec spec, String directory, Provenance provenance)
            throws IOException {
        return new Checkpoints(directory, 2, new Configuration(), theta -> new Model(spec, theta,
                LabelIndex.fit(List.of("0", "1", "2"), 3), FeatureScaling.none(spec.inputSize()), provenance));
    }

    /**
     * J(Θ) = (1/m) Σ_i Σ_k −y_k log h_k(x^(i)) + λ/(2m) Σ_l Σ_i Σ_{j≥1} (Θ^(l)_ij)², from the
     * network's outputs one example at a time and Θ's matrices with their bias column skipped.
     */
    private static double notesJ(NetworkSpec spec, double[] theta, double lambda) {
        Backprop forward = new Backprop(spec, 1);
        double dataCost = 0.0;
        for (int c = 0; c < M; c++) {
            double[] x = new double[DATA.featureCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = DATA.feature(c, i);
            }
            double[] h = forward.predict(theta, x);
            for (int k = 0; k < h.length; k++) {
                dataCost -= DATA.target(c, k) * Math.log(h[k]);
            }
        }
        double squares = 0.0;
        for (int l = 1; l < spec.layerCount(); l++) {
            for (double[] row : spec.matrix(theta, l)) {
                for (int j = 1; j < row.length; j++) {
                    squares += row[j] * row[j];
                }
            }
        }
        return dataCost / M + lambda / (2.0 * M) * squares;
    }

    /** Whether each θ entry is a weight (j ≥ 1) rather than a bias, by the notes' indices. */
    private static boolean[] weights(NetworkSpec spec) {
        boolean[] weight = new boolean[spec.parameterCount()];
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int i = 1; i <= spec.thetaRows(l); i++) {
                for (int j = 1; j <= spec.units(l); j++) {
                    weight[spec.thetaIndex(l, i, j)] = true;
                }
            }
        }
        return weight;
    }
}
