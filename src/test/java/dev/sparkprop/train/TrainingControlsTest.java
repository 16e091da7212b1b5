package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Optimizers, L-BFGS, dropout and early stopping through the real training job. */
class TrainingControlsTest {

    @TempDir
    Path dir;

    private Map<String, String> iris(String output) {
        Map<String, String> config = new HashMap<>();
        config.put("network", "4-8:tanh-3:softmax");
        config.put("train", "sample-data/iris/train.csv");
        config.put("scaling", "standardize");
        config.put("init", "xavier");
        config.put("learning-rate", "0.3");
        config.put("partitions", "2");
        config.put("output", dir.resolve(output).toString());
        return config;
    }

    private static TrainingSummary train(Map<String, String> config, ByteArrayOutputStream log) {
        return TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(config), new PrintStream(log, true));
    }

    private static TrainingSummary train(Map<String, String> config) {
        return train(config, new ByteArrayOutputStream());
    }

    private static Model model(Map<String, String> config) throws IOException {
        return ModelStore.load(config.get("output"), new Configuration());
    }

    @Test
    void lbfgsBeatsGradientDescentInTheSameNumberOfPasses() {
        Map<String, String> lbfgs = iris("lbfgs");
        lbfgs.put("optimizer", "lbfgs");
        lbfgs.put("epochs", "25");
        TrainingSummary quasiNewton = train(lbfgs);
        long passes = ((Number) quasiNewton.get("steps")).longValue();
        Map<String, String> descent = iris("gd");
        descent.put("epochs", Long.toString(passes));
        TrainingSummary plain = train(descent);
        double lbfgsCost = (Double) quasiNewton.get("train_cost");
        double gdCost = (Double) plain.get("train_cost");
        assertTrue(lbfgsCost < gdCost, "L-BFGS " + lbfgsCost + " vs GD " + gdCost + " after " + passes + " passes");
    }

    @ParameterizedTest
    @CsvSource({"momentum,0.1", "nesterov,0.1", "adam,0.01"})
    void eachOptimizerLowersTheCostThroughTheJob(String optimizer, String rate) throws IOException {
        Map<String, String> config = iris(optimizer);
        config.put("optimizer", optimizer);
        config.put("learning-rate", rate);
        config.put("batch-size", "16");
        config.put("epochs", "8");
        train(config);
        List<String> epochs = Files.readAllLines(dir.resolve(optimizer).resolve("metrics.jsonl"));
        double first = cost(epochs.get(0));
        double last = cost(epochs.get(epochs.size() - 1));
        assertTrue(last < 0.5 * first, optimizer + ": " + first + " -> " + last);
    }

    private static double cost(String metricsLine) {
        String value = metricsLine.replaceAll(".*\"train_cost\":([^,}]+).*", "$1");
        return Double.parseDouble(value);
    }

    @Test
    void dropoutRateZeroTrainsExactlyAsNoDropout() throws IOException {
        Map<String, String> plain = iris("plain");
        plain.put("batch-size", "16");
        plain.put("epochs", "3");
        train(plain);
        Map<String, String> zero = iris("zero");
        zero.put("batch-size", "16");
        zero.put("epochs", "3");
        zero.put("dropout", "0");
        train(zero);
        assertArrayEquals(model(plain).theta(), model(zero).theta(), 0.0);
        Map<String, String> dropped = iris("dropped");
        dropped.put("batch-size", "16");
        dropped.put("epochs", "3");
        dropped.put("dropout", "0.3");
        train(dropped);
        Map<String, String> again = new HashMap<>(dropped);
        again.put("output", dir.resolve("dropped-again").toString());
        train(again);
        assertArrayEquals(model(dropped).theta(), model(again).theta(), 0.0, "masks repeat with the seed");
        assertTrue(!java.util.Arrays.equals(model(plain).theta(), model(dropped).theta()));
    }

    @Test
    void l1AndL2TermsAreInTheReportedCostAndInEvaluate() throws IOException {
        Map<String, String> plain = iris("no-penalty");
        plain.put("epochs", "2");
        Map<String, String> penalized = iris("penalty");
        penalized.put("epochs", "2");
        penalized.put("l1", "2.0");
        penalized.put("lambda", "1.0");
        TrainingSummary summary = train(penalized);
        Model model = model(penalized);
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        EvaluationReport report = ModelJobs.evaluate(sc, model,
                ModelJobs.read(sc, model, "sample-data/iris/train.csv", "auto", null, 2), 2);
        assertEquals((Double) summary.get("train_cost"), report.cost(), 1e-6);
        double weightsOnly = report.cost() - report.sums().costSum() / report.examples();
        double l1 = 2.0 / 120 * dev.sparkprop.nn.Objective.sumOfAbsoluteWeights(model.spec(), model.theta());
        double l2 = 1.0 / 240 * dev.sparkprop.nn.Objective.sumOfSquaredWeights(model.spec(), model.theta());
        assertEquals(l1 + l2, weightsOnly, 1e-12);
        train(plain);
    }

    @Test
    void aHeldOutFractionBecomesTheValidationSet() {
        Map<String, String> config = iris("held-out");
        config.put("epochs", "4");
        config.put("validation-fraction", "0.25");
        config.put("early-stopping-patience", "3");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingSummary summary = train(config, log);
        int kept = Integer.parseInt(log.toString().replaceAll("(?s).*sparkprop: (\\d+) training examples.*", "$1"));
        assertTrue(kept > 70 && kept < 110, "about 90 of 120 rows kept for training: " + kept);
        assertTrue(summary.get("validation_cost") instanceof Double, summary.toJson());
    }

    /** Random labels: a wide network memorizes the training rows and the validation cost climbs. */
    @Test
    void earlyStoppingStopsOnAPlateauAndRestoresTheBestEpoch() throws IOException {
        Path trainFile = dir.resolve("noise.csv");
        Path validationFile = dir.resolve("noise-validation.csv");
        writeNoise(trainFile, 40, 1);
        writeNoise(validationFile, 40, 2);
        Map<String, String> config = new HashMap<>();
        config.put("network", "6-64:tanh-2:softmax");
        config.put("train", trainFile.toString());
        config.put("validation", validationFile.toString());
        config.put("init", "xavier");
        config.put("learning-rate", "0.5");
        config.put("epochs", "400");
        config.put("early-stopping-patience", "5");
        config.put("output", dir.resolve("early").toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingSummary summary = train(config, log);
        assertEquals(true, summary.get("stopped_early"), log.toString());
        int best = (Integer) summary.get("best_epoch");
        int run = (Integer) summary.get("epochs");
        assertTrue(run < 400 && best == run - 5, "best " + best + ", ran " + run);
        List<String> epochs = Files.readAllLines(dir.resolve("early/metrics.jsonl"));
        double bestCost = Double.parseDouble(epochs.get(best - 1).replaceAll(".*\"validation_cost\":([^,}]+).*", "$1"));
        assertEquals(bestCost, (Double) summary.get("validation_cost"), 1e-6, "the model is the best epoch's");
        assertTrue(log.toString().contains("restored the best epoch, " + best), log.toString());
    }

    private static void writeNoise(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(List.of("label,a,b,c,d,e,f"));
        for (int i = 0; i < rows; i++) {
            StringBuilder line = new StringBuilder().append(random.nextInt(2));
            for (int j = 0; j < 6; j++) {
                line.append(',').append(random.nextDouble(-1, 1));
            }
            lines.add(line.toString());
        }
        Files.write(file, lines);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "learning-rate|0|learning-rate=0.0: must be a finite number > 0",
        "learning-rate|NaN|learning-rate=NaN: must be a finite number > 0",
        "dropout|1.0|dropout=1.0: a rate is the probability of dropping a unit and must be in [0, 1); got 1.0",
        "dropout|-0.1|dropout=-0.1: a rate is the probability of dropping a unit and must be in [0, 1); got -0.1",
        "momentum|1|momentum=1.0: must be in [0, 1)",
        "early-stopping-patience|-1|early-stopping-patience=-1: must be >= 1 (0 = off)",
        "validation-fraction|1.5|validation-fraction=1.5: must be in (0, 1), or 0 for none",
        "optimizer|rmsprop|optimizer=rmsprop: unknown; choose one of sgd, momentum, nesterov, adam, lbfgs",
    })
    void badControlsAreRefusedBeforeAnySparkJob(String key, String value, String message) {
        Map<String, String> config = iris("never");
        config.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(config));
        assertEquals(message, e.getMessage());
    }
}
