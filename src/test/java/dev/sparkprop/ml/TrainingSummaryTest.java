package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.job.TrainingSummary;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.EpochMetrics;
import dev.sparkprop.train.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fitted model's summary holds the figures the {@code train} command prints for the same run. */
class TrainingSummaryTest {

    private static final int EPOCHS = 40;

    @Test
    void theSummaryHasTheTrainCommandsFiguresForTheSameRun(@TempDir Path dir) throws Exception {
        Map<String, String> keys = IrisConfig.writingTo(dir.resolve("out"));
        keys.put("epochs", Integer.toString(EPOCHS));
        keys.put("learning-rate", "0.3");
        TrainingSummary cli = TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(keys),
                new PrintStream(OutputStream.nullOutputStream()));
        List<String> cliLines = Files.readAllLines(dir.resolve("out").resolve(RunOutput.METRICS_FILE));

        SparkpropClassificationModel fitted = new SparkpropClassifier().setNetwork("4-8:tanh-3:softmax")
                .setSolver("gd").setBlockSize(256).setMaxIter(EPOCHS).setStepSize(0.3).set("init", "xavier")
                .set("numPartitions", "2").set("scaling", "standardize").fit(iris());

        SparkpropTrainingSummary summary = fitted.summary();
        assertEquals(cli.get("epochs"), summary.totalIterations());
        assertEquals(((Number) cli.get("steps")).longValue(), summary.steps());
        List<EpochMetrics> history = summary.history();
        assertEquals(EPOCHS, history.size());
        for (int e = 0; e < EPOCHS; e++) {
            EpochMetrics cliEpoch = EpochMetrics.fromJson(cliLines.get(e));
            assertEquals(e + 1, history.get(e).epoch());
            assertEquals(cliEpoch.train(), history.get(e).train(), "epoch " + (e + 1) + "'s cost and accuracy");
            assertNull(history.get(e).validation());
        }
        double lastCost = history.get(EPOCHS - 1).train().cost();
        System.out.printf("iris, %d epochs: last epoch's cost %.6f, final train_cost %.6f (CLI %s), accuracy %.4f;"
                + " step jobs %.2fs, compute %.2fs%n", EPOCHS, lastCost, summary.train().cost(), cli.get("train_cost"),
                summary.train().accuracy(), summary.timings().jobSeconds(), summary.timings().computeSeconds());
        assertEquals(lastCost, EpochMetrics.fromJson(cliLines.get(EPOCHS - 1)).train().cost());
        assertArrayEquals(history.stream().mapToDouble(epoch -> epoch.train().cost()).toArray(),
                summary.objectiveHistory());
        assertEquals(((Number) cli.get("train_cost")).doubleValue(), round(summary.train().cost()));
        assertEquals(((Number) cli.get("train_accuracy")).doubleValue(), round(summary.train().accuracy()));
        assertFalse(summary.stoppedEarly());
        assertEquals(EPOCHS, summary.bestEpoch());
        assertNull(summary.validation());
        assertEquals(EPOCHS, summary.timings().steps(), "full batch: one step a epoch");
        assertTrue(summary.timings().jobSeconds() > 0 && summary.timings().computeSeconds() > 0);
    }

    /** With minibatches and λ: train() is J (the penalty over the training rows' m), trainDataCost() the data cost. */
    @Test
    void theTrainCostIsJAndTheDataCostIsBesideIt() {
        Dataset<Row> rows = iris();
        SparkpropClassificationModel fitted = new SparkpropClassifier().setNetwork("4-8:tanh-3:softmax")
                .setSolver("gd").setBatchSize(30).setMaxIter(3).setStepSize(0.3).setRegParam(2.0)
                .set("init", "xavier").set("numPartitions", "2").fit(rows);
        SparkpropTrainingSummary summary = fitted.summary();
        double squares = dev.sparkprop.nn.Objective.sumOfSquaredWeights(fitted.model().spec(), fitted.model().theta());
        assertEquals(2.0 / (2 * rows.count()) * squares, summary.train().cost() - summary.trainDataCost(), 1e-12);
        assertTrue(summary.trainDataCost() > 0);
    }

    @Test
    void aCopyKeepsTheSummaryAndAModelBuiltFromASavedOneHasNone() {
        SparkpropClassificationModel fitted = new SparkpropClassifier().setLayers(new int[] {4, 3, 3}).setMaxIter(2)
                .fit(iris());

        assertTrue(fitted.hasSummary());
        assertSame(fitted.summary(), fitted.copy(new ParamMap()).summary());
        SparkpropClassificationModel rebuilt = new SparkpropClassificationModel(fitted.uid(), fitted.model());
        assertFalse(rebuilt.hasSummary());
        IllegalStateException e = assertThrows(IllegalStateException.class, rebuilt::summary);
        assertEquals("No training summary available for this SparkpropClassificationModel: only a model returned"
                + " by fit has one (see hasSummary())", e.getMessage());
    }

    private static Dataset<Row> iris() {
        Dataset<Row> csv = SharedSpark.session().read().option("header", "true").option("inferSchema", "true")
                .csv("sample-data/iris/train.csv").withColumn("label", col("label").cast("double"));
        return new VectorAssembler().setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm",
            "petal_length_cm", "petal_width_cm"}).setOutputCol("features").transform(csv);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
