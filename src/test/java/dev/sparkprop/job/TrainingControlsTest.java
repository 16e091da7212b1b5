package dev.sparkprop.job;

import dev.sparkprop.train.TrainConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training controls that need the job: the held-out validation fraction, the penalties in the
 * reported and the evaluated cost, and refusals before any Spark job. The loop's own controls
 * (optimizers, schedules, L-BFGS, dropout, early stopping, resume) are tested without Spark in
 * {@code train.TrainerTest}.
 */
class TrainingControlsTest {

    @TempDir
    Path dir;

    private Map<String, String> iris(String output) {
        Map<String, String> config = IrisConfig.writingTo(dir.resolve(output));
        config.put("learning-rate", "0.3");
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
    void theReportedTrainCostIsJWithBothPenaltiesAndEvaluateGivesTheDataCostOrJAtALambda() throws IOException {
        Map<String, String> plain = iris("no-penalty");
        plain.put("epochs", "2");
        Map<String, String> penalized = iris("penalty");
        penalized.put("epochs", "2");
        penalized.put("batch-size", "30"); // minibatches: the penalties are still over the 120 training rows
        penalized.put("l1", "2.0");
        penalized.put("lambda", "1.0");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingSummary summary = train(penalized, log);
        Model model = model(penalized);
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        var rows = ModelJobs.read(sc, model, "sample-data/iris/train.csv", "auto", null, 2);
        EvaluationReport dataCost = ModelJobs.evaluate(sc, model, rows, 2, null);
        EvaluationReport atLambda = ModelJobs.evaluate(sc, model, rows, 2, 1.0);
        double l1 = 2.0 / 120 * dev.sparkprop.nn.Objective.sumOfAbsoluteWeights(model.spec(), model.theta());
        double l2 = 1.0 / 240 * dev.sparkprop.nn.Objective.sumOfSquaredWeights(model.spec(), model.theta());
        assertEquals((Double) summary.get("train_data_cost"), dataCost.cost(), 1e-6, summary.toJson());
        assertEquals((Double) summary.get("train_cost"), dataCost.cost() + l2 + l1, 1e-6, summary.toJson());
        assertEquals(dataCost.cost() + l2, atLambda.cost(), 1e-12);
        assertEquals(dataCost.cost(), atLambda.dataCost(), 0.0);
        assertTrue(model.provenance().penaltyOverTrainingSet(), "the header records the rule");
        assertTrue(log.toString().contains("\"cost\" is J on the training set"), log.toString());
        train(plain);
        assertTrue(!model(plain).provenance().metrics().containsKey("train_data_cost"), "no penalty, one cost");
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
