package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sparkprop.optim.ScalaCollections;
import dev.sparkprop.testing.SharedSpark;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Spark's {@code CrossValidator} with two fits at a time over sparkprop's estimator: what it
 * reports and picks is what separate, one-at-a-time fits of the same settings on the same folds
 * give, bit for bit. So {@code copy} and {@code fit} share no state between concurrent fits.
 */
class CrossValidationTest {

    private static final int FOLDS = 3;
    private static final long SEED = 7;
    private static final List<String> NETWORKS = List.of("4-3:tanh-3:softmax", "4-8:tanh-3:softmax");
    private static final List<String> LAMBDAS = List.of("0", "0.3", "3");

    private static Dataset<Row> iris() {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> columns = spark.read().option("header", "true").option("inferSchema", "true")
                .csv("sample-data/iris/train.csv").withColumn("label", col("label").cast("double"));
        return new VectorAssembler().setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm",
            "petal_length_cm", "petal_width_cm"}).setOutputCol("features").transform(columns)
                .select("features", "label");
    }

    /** Few full-batch epochs with a large step: the candidates differ, and the 38 fits stay quick. */
    private static SparkpropClassifier classifier() {
        return new SparkpropClassifier().setMaxIter(8).setBatchSize(0).setStepSize(0.5).setSeed(3)
                .set("scaling", "standardize").set("numPartitions", "2");
    }

    /** Log loss: a continuous metric, so the pick is not decided by a tie in accuracy. */
    private static MulticlassClassificationEvaluator logLoss() {
        return new MulticlassClassificationEvaluator().setMetricName("logLoss");
    }

    @Test
    void picksAndScoresAsSeparateFitsOnTheSameFolds() {
        Dataset<Row> data = iris().cache();
        SparkpropClassifier classifier = classifier();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.keyParam("network"), ScalaCollections.asScala(NETWORKS))
                .addGrid(classifier.keyParam("regParam"), ScalaCollections.asScala(LAMBDAS))
                .build();
        assertEquals(6, grid.length);

        CrossValidatorModel tuned = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(logLoss()).setNumFolds(FOLDS).setSeed(SEED).setParallelism(2).fit(data);

        double[] manual = averageOverFolds(data, classifier, grid);
        assertArrayEquals(bits(manual), bits(tuned.avgMetrics()), "avgMetrics " + Arrays.toString(tuned.avgMetrics())
                + " against separate fits " + Arrays.toString(manual));
        assertNotEquals(manual[0], manual[5], "the candidates differ");
        int best = 0;
        for (int i = 1; i < manual.length; i++) {
            best = manual[i] < manual[best] ? i : best; // log loss: smaller is better; first of equals wins
        }
        SparkpropClassificationModel chosen = (SparkpropClassificationModel) tuned.bestModel();
        SparkpropClassifier chosenBy = (SparkpropClassifier) chosen.parent();
        for (String name : List.of("network", "regParam")) {
            assertEquals(grid[best].apply(classifier.keyParam(name)), chosenBy.getOrDefault(chosenBy.keyParam(name)),
                    name + " of the chosen model");
        }
        SparkpropClassificationModel refit = classifier.fit(data, grid[best]);
        assertArrayEquals(bits(refit.weights().toArray()), bits(chosen.weights().toArray()),
                "the chosen model's Θ against a separate fit on all the data");
        data.unpersist();
    }

    /**
     * Each candidate's log loss averaged over the folds as {@code CrossValidator} computes it: the
     * folds of {@code MLUtils.kFold} with the same seed, one fit at a time, the sum over folds in
     * fold order divided by the number of folds.
     */
    private static double[] averageOverFolds(Dataset<Row> data, SparkpropClassifier classifier, ParamMap[] grid) {
        SparkSession spark = data.sparkSession();
        Tuple2<RDD<Row>, RDD<Row>>[] folds = MLUtils.kFold(data.toDF().rdd(), FOLDS, SEED,
                ClassTag$.MODULE$.apply(Row.class));
        double[][] metrics = new double[grid.length][FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            Dataset<Row> training = spark.createDataFrame(folds[f]._1(), data.schema()).cache();
            Dataset<Row> validation = spark.createDataFrame(folds[f]._2(), data.schema()).cache();
            for (int i = 0; i < grid.length; i++) {
                SparkpropClassificationModel model = classifier.fit(training, grid[i]);
                metrics[i][f] = logLoss().evaluate(model.transform(validation, grid[i]));
            }
            training.unpersist();
            validation.unpersist();
        }
        double[] average = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double sum = 0;
            for (double metric : metrics[i]) {
                sum += metric;
            }
            average[i] = sum / FOLDS;
        }
        return average;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
