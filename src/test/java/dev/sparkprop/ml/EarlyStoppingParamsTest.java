package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.job.TrainingSummary;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.EpochMetrics;
import dev.sparkprop.train.TrainConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation, early stopping and checkpoints as Params: the same validation rows chosen by
 * Spark's {@code validationIndicatorCol} or given to the {@code train} command as a file train
 * the same Θ and stop at the same epoch.
 */
class EarlyStoppingParamsTest {

    private static final String[] IRIS_FEATURES = {"sepal_length_cm", "sepal_width_cm", "petal_length_cm",
        "petal_width_cm"};
    /** Settings that overfit iris's few training rows: a wide layer, a large step, many epochs. */
    private static final int EPOCHS = 300;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Every third row of iris's training file (from the first) is a validation row. */
    private static boolean isValidation(int row) {
        return row % 3 == 0;
    }

    @Test
    void anIndicatorColumnStopsAtTheEpochAndThetaOfTheTrainCommandGivenTheSameRowsAsAFile(@TempDir Path dir)
            throws Exception {
        List<String> lines = Files.readAllLines(Path.of("sample-data/iris/train.csv"));
        List<String> train = new ArrayList<>(List.of(lines.get(0)));
        List<String> validation = new ArrayList<>(List.of(lines.get(0)));
        List<String> indicated = new ArrayList<>(List.of(lines.get(0) + ",is_validation"));
        for (int row = 0; row < lines.size() - 1; row++) {
            String line = lines.get(row + 1);
            (isValidation(row) ? validation : train).add(line);
            indicated.add(line + "," + isValidation(row));
        }
        Files.write(dir.resolve("train.csv"), train);
        Files.write(dir.resolve("validation.csv"), validation);
        Files.write(dir.resolve("indicated.csv"), indicated);
        Map<String, String> keys = IrisConfig.writingTo(dir.resolve("out"));
        keys.put("train", dir.resolve("train.csv").toString());
        keys.put("validation", dir.resolve("validation.csv").toString());
        keys.put("network", "4-16:tanh-3:softmax");
        keys.put("epochs", Integer.toString(EPOCHS));
        keys.put("learning-rate", "1.0");
        keys.put("early-stopping-patience", "5");
        TrainingSummary cli = TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(keys), QUIET);
        Model cliModel;
        try (InputStream in = Files.newInputStream(dir.resolve("out").resolve("model.sparkprop"))) {
            cliModel = ModelFile.read(in, "model.sparkprop");
        }

        SparkpropClassificationModel fitted = overfitting().setValidationIndicatorCol("is_validation")
                .fit(iris(dir.resolve("indicated.csv").toString()));

        SparkpropTrainingSummary summary = fitted.summary();
        System.out.printf("early stopping on iris: stopped after %d of %d epochs, best epoch %d (CLI: %s, %s)%n",
                summary.totalIterations(), EPOCHS, summary.bestEpoch(), cli.get("epochs"), cli.get("best_epoch"));
        assertTrue(summary.stoppedEarly() && summary.totalIterations() < EPOCHS, "epochs " + summary.totalIterations());
        assertEquals(cli.get("epochs"), summary.totalIterations());
        assertEquals(cli.get("best_epoch"), summary.bestEpoch());
        assertEquals(true, cli.get("stopped_early"));
        assertArrayEquals(bits(cliModel.theta()), bits(fitted.model().theta()), "Θ, bit for bit");
        EpochMetrics last = summary.history().get(summary.history().size() - 1);
        assertNotNull(last.validation(), "every epoch judges the validation rows");
        assertEquals(((Number) cli.get("validation_cost")).doubleValue(), round(summary.validation().cost()));
        assertEquals(((Number) cli.get("validation_accuracy")).doubleValue(), round(summary.validation().accuracy()));
    }

    @Test
    void aValidationFractionHoldsOutRowsAndAMinimumDeltaStopsSooner() {
        Dataset<Row> train = iris("sample-data/iris/train.csv");

        SparkpropTrainingSummary summary = overfitting().setValidationFraction(0.3).set("earlyStoppingMinDelta", "0.001")
                .fit(train).summary();
        System.out.printf("validationFraction 0.3: stopped after %d epochs, best %d%n", summary.totalIterations(),
                summary.bestEpoch());

        assertTrue(summary.stoppedEarly() && summary.totalIterations() < EPOCHS, "epochs " + summary.totalIterations());
        assertEquals(summary.totalIterations() - 5, summary.bestEpoch(), "patience 5 after the best epoch");
        List<EpochMetrics> history = summary.history();
        double best = history.get(summary.bestEpoch() - 1).validation().cost();
        for (EpochMetrics later : history.subList(summary.bestEpoch(), history.size())) {
            assertTrue(later.validation().cost() > best - 0.001, "no later epoch improved by the minimum delta");
        }
        assertNotNull(summary.validation());
        assertTrue(summary.history().stream().allMatch(epoch -> epoch.validation() != null));
    }

    @Test
    void aCheckpointedFitWritesCheckpointsToTheDirectory(@TempDir Path dir) throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        SparkpropClassifier classifier = new SparkpropClassifier().setNetwork("4-8:tanh-3:softmax").setSolver("gd")
                .setMaxIter(6)
                .setStepSize(0.3).set("scaling", "standardize").set("numPartitions", "2")
                .setCheckpointDir(checkpoints.toString()).setCheckpointInterval(2);

        SparkpropClassificationModel fitted = classifier.fit(iris("sample-data/iris/train.csv"));

        List<String> names;
        try (Stream<Path> files = Files.list(checkpoints)) {
            names = files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted()
                    .toList();
        }
        assertEquals(List.of("step-0000000002.ckpt", "step-0000000004.ckpt"), names, "epochs 2 and 4 of 6");
        Model checkpoint;
        try (InputStream in = Files.newInputStream(checkpoints.resolve(names.get(1)))) {
            checkpoint = ModelFile.read(in, names.get(1));
        }
        assertEquals(fitted.model().spec(), checkpoint.spec());
        assertArrayEquals(fitted.model().scaling().offset(), checkpoint.scaling().offset(), "the fit's scaling");
        assertEquals("0", classifier.copy(new org.apache.spark.ml.param.ParamMap()).setCheckpointInterval(-1)
                .trainConfig().text(dev.sparkprop.train.ConfigKeys.CHECKPOINT_EPOCHS), "Spark's -1 is off");
    }

    @Test
    void refusesTwoValidationSetsAndAMissingIndicator() {
        Dataset<Row> train = iris("sample-data/iris/train.csv").withColumn("is_validation", col("label").equalTo(1));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> overfitting()
                .setValidationIndicatorCol("is_validation").setValidationFraction(0.2).setMaxIter(1).fit(train));
        assertEquals("validationIndicatorCol 'is_validation' and validationFraction=0.2 both choose the validation"
                + " rows; set one of them", both.getMessage());

        Dataset<Row> holes = train.withColumn("is_validation",
                org.apache.spark.sql.functions.when(col("label").equalTo(2), null).otherwise(col("is_validation")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> overfitting()
                .setValidationIndicatorCol("is_validation").setMaxIter(1).fit(holes));
        assertEquals("validationIndicatorCol 'is_validation' holds null; it must be true (a validation row) or false"
                + " (a training row)", missing.getMessage());

        IllegalArgumentException patience = assertThrows(IllegalArgumentException.class, () -> overfitting()
                .setMaxIter(1).fit(train));
        assertEquals("early-stopping-patience=5: early stopping needs a validation set: set validation or"
                + " validation-fraction", patience.getMessage());
    }

    /** The CLI run's settings (IrisConfig with the overfitting keys, the CLI's optimizer and block size), through the setters. */
    private static SparkpropClassifier overfitting() {
        return new SparkpropClassifier().setNetwork("4-16:tanh-3:softmax").setSolver("gd").setBlockSize(256)
                .setMaxIter(EPOCHS).setStepSize(1.0)
                .setSeed(1).setEarlyStoppingPatience(5).set("init", "xavier").set("numPartitions", "2")
                .set("scaling", "standardize");
    }

    private static Dataset<Row> iris(String file) {
        Dataset<Row> csv = SharedSpark.session().read().option("header", "true").option("inferSchema", "true")
                .csv(file).withColumn("label", col("label").cast("double"));
        return new VectorAssembler().setInputCols(IRIS_FEATURES).setOutputCol("features").transform(csv);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
