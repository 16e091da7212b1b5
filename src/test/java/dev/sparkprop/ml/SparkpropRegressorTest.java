package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.ConfigKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regressor on a classic regression: iris petal width from the other three measurements
 * (a linear fit explains about 93% of its variance).
 */
class SparkpropRegressorTest {

    private static final String[] MEASUREMENTS = {"sepal_length_cm", "sepal_width_cm", "petal_length_cm"};

    /** An iris CSV with {@code features} = the three measurements and {@code label} = petal width. */
    static Dataset<Row> petalWidth(String file) {
        Dataset<Row> csv = SharedSpark.session().read().option("header", "true").option("inferSchema", "true")
                .csv(file).withColumn("label", col("petal_width_cm"));
        return new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features").transform(csv);
    }

    private static SparkpropRegressor regressor() {
        return new SparkpropRegressor().setLayers(new int[] {3, 4, 1}).setSolver("l-bfgs").setMaxIter(30)
                .setSeed(3).set("scaling", "standardize").set("numPartitions", "2");
    }

    @Test
    void fitsPetalWidthAndRegressionEvaluatorScoresItsOwnPredictions(@TempDir Path dir) throws Exception {
        SparkpropRegressionModel model = regressor().fit(petalWidth("sample-data/iris/train.csv"));

        Dataset<Row> scored = model.transform(petalWidth("sample-data/iris/test.csv"));

        RegressionEvaluator evaluator = new RegressionEvaluator();
        double rmse = evaluator.setMetricName("rmse").evaluate(scored);
        double r2 = evaluator.setMetricName("r2").evaluate(scored);
        System.out.printf("iris petal width, 3-4:sigmoid-1:linear, L-BFGS: test RMSE %.6f, R² %.6f, %d iterations,"
                + " %d cost evaluations%n", rmse, r2, model.summary().totalIterations(), model.summary().steps());
        assertTrue(r2 >= 0.9, "test R² " + r2);
        List<Row> rows = scored.select("prediction", "label").collectAsList();
        double squared = 0;
        for (Row row : rows) {
            double error = row.getDouble(0) - row.getDouble(1);
            squared += error * error;
        }
        assertEquals(Math.sqrt(squared / rows.size()), rmse, 1e-12, "the evaluator's RMSE, from the model's predictions");
        assertEquals(30, rows.size());
        assertEquals("3-4:sigmoid-1:linear", model.model().spec().toString());
        assertEquals(3, model.numFeatures());
        assertFalse(model.summary().train().isClassification());
        assertTrue(model.summary().train().rmse() < 0.25, "train RMSE " + model.summary().train().rmse());

        model.save(dir.resolve("model").toString());
        SparkpropRegressionModel loaded = SparkpropRegressionModel.load(dir.resolve("model").toString());
        assertFalse(loaded.hasSummary(), "a loaded model has no training summary");
        List<Row> again = loaded.transform(petalWidth("sample-data/iris/test.csv")).select("prediction", "label")
                .collectAsList();
        assertEquals(rows, again, "the loaded model predicts the same values");
    }

    @Test
    void refusesALabelThatIsNotAFiniteNumber() {
        Dataset<Row> train = petalWidth("sample-data/iris/train.csv");
        Column first = col("sepal_length_cm").equalTo(7.4).and(col("petal_length_cm").equalTo(6.1));
        for (String bad : new String[] {"null", "NaN", "Infinity"}) {
            Column value = bad.equals("null") ? lit(null).cast("double") : lit(Double.parseDouble(bad));
            Dataset<Row> data = train.withColumn("label", when(first, value).otherwise(col("label")));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> regressor().setMaxIter(1).fit(data));

            assertEquals("labelCol 'label' holds " + bad + "; a regression label must be a finite number",
                    e.getMessage());
        }
    }

    @Test
    void paramsAreTheClassifiersAndSurviveACopy() {
        SparkpropRegressor regressor = regressor().setSolver("gd").setValidationIndicatorCol("is_validation")
                .setEarlyStoppingPatience(3);

        SparkpropRegressor copy = regressor.copy(new ParamMap().put(regressor.keyParam("regParam"), "0.5"));

        assertEquals("sgd", copy.getOrDefault(copy.keyParam("solver")), "MLPC's gd, in the key's name");
        assertEquals("0.5", copy.trainConfig().text(ConfigKeys.LAMBDA));
        assertEquals("3", copy.trainConfig().text(ConfigKeys.EARLY_STOPPING_PATIENCE));
        assertEquals("is_validation", copy.getOrDefault(copy.getParam("validationIndicatorCol")));
        assertTrue(copy.explainParams().contains("validationFraction: Hold out this seeded fraction"),
                copy.explainParams());
        Set<String> classifiers = Arrays.stream(new SparkpropClassifier().params()).map(Param::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Arrays.stream(copy.params()).map(Param::name).toList().forEach(classifiers::remove);
        assertEquals(Set.of("probabilityCol", "rawPredictionCol", "thresholds", "initialWeights"), classifiers,
                "the classifier's Params but its probability columns and MLPC's weight layout");
    }

    @Test
    void refusesANetworkWithoutOneLinearOutput() {
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> new SparkpropRegressor().setLayers(new int[] {3, 4, 2}));
        assertEquals("layers=[3, 4, 2]: a regressor's output layer has 1 unit", layers.getMessage());

        IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
                () -> new SparkpropRegressor().setNetwork("3-4:tanh-2:softmax").fit(petalWidth(
                        "sample-data/iris/test.csv")));
        assertEquals("network=3-4:tanh-2:softmax: a regressor needs one linear output unit, e.g."
                + " 3-8:sigmoid-1:linear", spec.getMessage());
    }
}
