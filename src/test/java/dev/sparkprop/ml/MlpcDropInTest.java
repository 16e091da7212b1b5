package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * sparkprop as a drop-in for Spark's {@code MultilayerPerceptronClassifier} (MLPC), on the file
 * and with the settings of Spark's own {@code JavaMultilayerPerceptronClassifierExample}: the
 * example runs with only the class name changed, MLPC's weights mean the same network to both,
 * and both L-BFGS runs start from the same {@code initialWeights}.
 */
class MlpcDropInTest {

    private static final String DATA = "sample-data/spark-mllib-sample/sample_multiclass_classification_data.txt";
    private static final int[] LAYERS = {4, 5, 4, 3};
    private static final NetworkSpec MLPC_SPEC = NetworkSpec.parse("4-5:sigmoid-4:sigmoid-3:softmax");

    private static Dataset<Row>[] splits;

    /**
     * Spark's example's data and split: LIBSVM through Spark's own source, 60/40 with seed 1234;
     * read once and cached, so that each L-BFGS evaluation does not read and split the file again.
     */
    private static synchronized Dataset<Row>[] trainAndTest() {
        if (splits == null) {
            Dataset<Row> dataFrame = SharedSpark.session().read().format("libsvm").load(DATA).cache();
            splits = dataFrame.randomSplit(new double[] {0.6, 0.4}, 1234L);
            splits[0].cache();
            splits[1].cache();
        }
        return splits;
    }

    /**
     * The two blocks below are Spark's example, the second with {@code MultilayerPerceptronClassifier}
     * renamed: the same setters, the same defaults left alone (MLPC's l-bfgs and tol among them).
     */
    @Test
    void sparksOwnExampleRunsWithOnlyTheClassNameChanged() {
        Dataset<Row>[] splits = trainAndTest();
        Dataset<Row> train = splits[0];
        Dataset<Row> test = splits[1];
        int[] layers = new int[] {4, 5, 4, 3};
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy");

        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
                .setLayers(layers)
                .setBlockSize(128)
                .setSeed(1234L)
                .setMaxIter(100);
        double mlpcAccuracy = evaluator.evaluate(mlpc.fit(train).transform(test).select("prediction", "label"));

        SparkpropClassifier sparkprop = new SparkpropClassifier()
                .setLayers(layers)
                .setBlockSize(128)
                .setSeed(1234L)
                .setMaxIter(100);
        double sparkpropAccuracy =
                evaluator.evaluate(sparkprop.fit(train).transform(test).select("prediction", "label"));

        System.out.printf("Spark's MLPC example, test set accuracy: MLPC %.4f, sparkprop %.4f (%d test rows)%n",
                mlpcAccuracy, sparkpropAccuracy, test.count());
        assertTrue(sparkpropAccuracy >= mlpcAccuracy - 0.01,
                "sparkprop " + sparkpropAccuracy + " vs MLPC " + mlpcAccuracy);
    }

    /**
     * A trained MLPC's weights, converted to Θ, give MLPC's probabilities through sparkprop's
     * forward pass on every row, and come back from {@code weights()} bit for bit.
     */
    @Test
    void mlpcsWeightsGiveMlpcsProbabilities() {
        Dataset<Row> data = SharedSpark.session().read().format("libsvm").load(DATA);
        MultilayerPerceptronClassificationModel mlpc = new MultilayerPerceptronClassifier().setLayers(LAYERS)
                .setSeed(1234L).setMaxIter(30).fit(data);
        double[] mlpcWeights = mlpc.weights().toArray();
        Model converted = new Model(MLPC_SPEC, MLPC_SPEC.fromMlpcWeights(mlpcWeights), LabelIndex.numbered(3),
                FeatureScaling.none(4), Provenance.NONE);
        SparkpropClassificationModel sparkprop = new SparkpropClassificationModel("from-mlpc", converted);

        List<Row> expected = mlpc.transform(data).select("probability", "prediction").collectAsList();
        List<Row> actual = sparkprop.transform(data).select("probability", "prediction").collectAsList();

        assertEquals(150, actual.size());
        double largest = 0;
        for (int row = 0; row < expected.size(); row++) {
            double[] want = ((Vector) expected.get(row).get(0)).toArray();
            double[] got = ((Vector) actual.get(row).get(0)).toArray();
            for (int k = 0; k < want.length; k++) {
                largest = Math.max(largest, Math.abs(want[k] - got[k]));
            }
            assertArrayEquals(want, got, 1e-12, "row " + row);
            assertEquals(expected.get(row).getDouble(1), actual.get(row).getDouble(1), "prediction, row " + row);
        }
        System.out.printf("MLPC's weights through sparkprop: largest probability difference %.3g over 150 rows%n",
                largest);
        assertArrayEquals(bits(mlpcWeights), bits(sparkprop.weights().toArray()), "weights() is MLPC's layout");
        assertArrayEquals(new int[] {4, 5, 4, 3}, sparkprop.layers());
    }

    /**
     * The same {@code initialWeights} and full-batch L-BFGS in both: J at the start is the same
     * (to the 6 decimals sparkprop prints), which shows both start from the same network and
     * minimize the same cost. How far the two runs stay together is printed, not asserted: the two
     * sum the gradient in different orders, and L-BFGS's line search amplifies the last bits.
     */
    @Test
    void bothLbfgsRunsStartFromTheSameInitialWeights() {
        Dataset<Row> train = trainAndTest()[0].coalesce(1).cache(); // MLPC's cost is a mean of block means: one block
        Vector start = randomWeights(MLPC_SPEC.parameterCount(), 7);

        MultilayerPerceptronClassificationModel mlpc = new MultilayerPerceptronClassifier().setLayers(LAYERS)
                .setInitialWeights(start).setMaxIter(100).fit(train);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SparkpropClassificationModel sparkprop = new SparkpropClassifier().setLayers(LAYERS)
                .setInitialWeights(start).setMaxIter(100)
                .setLog(new PrintStream(log, true, StandardCharsets.UTF_8)).fit(train);

        double[] mlpcHistory = mlpc.summary().objectiveHistory();
        double[] sparkpropHistory = costs(log.toString(StandardCharsets.UTF_8));
        assertEquals(mlpcHistory[0], sparkpropHistory[0], 5e-7, "J(initialWeights)");
        int together = 0;
        while (together < Math.min(mlpcHistory.length, sparkpropHistory.length)
                && Math.abs(mlpcHistory[together] - sparkpropHistory[together]) <= 5e-7) {
            together++;
        }
        double[] a = mlpc.weights().toArray();
        double[] b = sparkprop.weights().toArray();
        double weightGap = 0;
        for (int p = 0; p < a.length; p++) {
            weightGap = Math.max(weightGap, Math.abs(a[p] - b[p]));
        }
        System.out.printf("same initialWeights, L-BFGS: J0 MLPC %.9f sparkprop %.6f; iterations MLPC %d sparkprop %d;"
                + " costs agree to 6 decimals for the first %d; final J MLPC %.3g sparkprop %.3g;"
                + " largest weight difference %.3g%n", mlpcHistory[0], sparkpropHistory[0], mlpcHistory.length - 1,
                sparkpropHistory.length - 1, together, mlpcHistory[mlpcHistory.length - 1],
                sparkpropHistory[sparkpropHistory.length - 1], weightGap);
        train.unpersist();
    }

    @Test
    void initialWeightsOfTheWrongLengthAreRefusedBeforeTraining() {
        Dataset<Row> train = trainAndTest()[0];
        SparkpropClassifier classifier = new SparkpropClassifier().setLayers(LAYERS)
                .setInitialWeights(Vectors.zeros(50));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier.fit(train));

        assertEquals("initialWeights has 50 values; network 4-5:sigmoid-4:sigmoid-3:softmax needs 64", e.getMessage());
    }

    /**
     * {@code initialWeights} is a Param like MLPC's: listed once (Spark lists Params by reflection
     * while its constructors run), copied with the estimator, and written and read as Spark's JSON.
     */
    @Test
    void initialWeightsIsAParamThatCopiesAndEncodes() {
        Vector start = randomWeights(MLPC_SPEC.parameterCount(), 3);
        SparkpropClassifier classifier = new SparkpropClassifier().setLayers(LAYERS).setInitialWeights(start);

        assertEquals(1, Arrays.stream(classifier.params()).filter(p -> p.name().equals("initialWeights")).count());
        assertTrue(Arrays.stream(classifier.params()).allMatch(p -> p != null && p.parent().equals(classifier.uid())));
        assertTrue(classifier.explainParams().contains("initialWeights: The weights to start from"));
        SparkpropClassifier copy = classifier.copy(new org.apache.spark.ml.param.ParamMap());
        assertEquals(start, copy.getInitialWeights());
        assertEquals(null, new SparkpropClassifier().getInitialWeights());
        assertEquals(start, classifier.initialWeights().jsonDecode(classifier.initialWeights().jsonEncode(start)));
    }

    /** {@code tol} is L-BFGS's tolerance: a loose one stops the run long before {@code maxIter}. */
    @Test
    void tolReachesLbfgs() {
        Dataset<Row> train = trainAndTest()[0];
        ByteArrayOutputStream tight = new ByteArrayOutputStream();
        ByteArrayOutputStream loose = new ByteArrayOutputStream();

        new SparkpropClassifier().setLayers(LAYERS).setMaxIter(20).setLog(new PrintStream(tight, true,
                StandardCharsets.UTF_8)).fit(train);
        new SparkpropClassifier().setLayers(LAYERS).setMaxIter(20).setTol(0.5).setLog(new PrintStream(loose, true,
                StandardCharsets.UTF_8)).fit(train);

        int tightIterations = costs(tight.toString(StandardCharsets.UTF_8)).length - 1;
        int looseIterations = costs(loose.toString(StandardCharsets.UTF_8)).length - 1;
        assertEquals(20, tightIterations, "tol 1e-6 (MLPC's default) runs to maxIter here");
        assertTrue(looseIterations < 5, "tol 0.5 stopped after " + looseIterations + " iterations");
    }

    /** J per iteration, from the lines {@code iteration I/N  cost J ...} the loop logs, iteration 0 first. */
    private static double[] costs(String log) {
        Matcher line = Pattern.compile("(?m)^iteration (\\d+)/\\d+  cost (\\S+)").matcher(log);
        double[] costs = new double[0];
        while (line.find()) {
            assertEquals(costs.length, Integer.parseInt(line.group(1)), "iterations in order");
            costs = Arrays.copyOf(costs, costs.length + 1);
            costs[costs.length - 1] = Double.parseDouble(line.group(2));
        }
        assertTrue(costs.length > 0, "no iteration lines in: " + log);
        return costs;
    }

    /** MLPC's own initialization range, (-2.4, 2.4) / fan-in, at fan-in 4, from a seeded generator. */
    private static Vector randomWeights(int count, long seed) {
        Random random = new Random(seed);
        double[] weights = new double[count];
        for (int p = 0; p < count; p++) {
            weights[p] = (random.nextDouble() * 4.8 - 2.4) / 4;
        }
        return Vectors.dense(weights);
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
