package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkprop.testing.SharedSpark;
import java.util.Arrays;
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
import scala.collection.JavaConverters;
import scala.reflect.ClassTag$;

/**
 * Spark's {@link CrossValidator} tunes a {@link SparkpropClassifier} as it tunes its own
 * estimators: 3 folds, two candidates at a time ({@code parallelism = 2}), over two network sizes
 * × three λ on iris. Every candidate is then fitted again by hand, one after the other, on the same
 * folds (Spark's split is {@code MLUtils.kFold} with the validator's seed), and the validator's
 * averaged metrics, its choice and its refitted best model must equal those fits bit for bit.
 * Fits running side by side share nothing that one could change under the other ({@code copy}
 * gives each its own Params; the executors' workspaces are per thread), so the parallel search
 * and the serial one agree exactly.
 */
class CrossValidatorTest {

    private static final long SEED = 7;
    private static final int FOLDS = 3;
    private static final String[] NETWORKS = {"4-4:tanh-3:softmax", "4-8:tanh-3:softmax"};
    private static final String[] LAMBDAS = {"0", "0.3", "3"};

    private static Dataset<Row> iris() {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> columns = spark.read().option("header", "true").option("inferSchema", "true")
                .csv("sample-data/iris/train.csv").withColumn("label", col("label").cast("double"));
        return new VectorAssembler().setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm",
            "petal_length_cm", "petal_width_cm"}).setOutputCol("features").transform(columns)
                .select("features", "label");
    }

    /** Few full-batch epochs of a small net: the candidates differ, and 37 fits stay within seconds. */
    private static SparkpropClassifier classifier() {
        return new SparkpropClassifier().setMaxIter(5).setBatchSize(0).setStepSize(0.5).setSeed(1)
                .set("init", "xavier").set("scaling", "standardize").set("numPartitions", "1");
    }

    /** Log loss: a continuous metric, so the six candidates do not tie as accuracies on 40 flowers would. */
    private static MulticlassClassificationEvaluator logLoss() {
        return new MulticlassClassificationEvaluator().setMetricName("logLoss");
    }

    @Test
    void picksTheCandidateThatSeparateFitsOnTheSameFoldsPick() {
        Dataset<Row> data = iris().cache();
        SparkpropClassifier classifier = classifier();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.keyParam("network"), values(NETWORKS))
                .addGrid(classifier.keyParam("regParam"), values(LAMBDAS))
                .build();
        CrossValidator validator = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(logLoss()).setNumFolds(FOLDS).setSeed(SEED).setParallelism(2);

        CrossValidatorModel tuned = validator.fit(data);

        double[] manual = separateFitsOnTheSameFolds(data, classifier, grid);
        assertEquals(NETWORKS.length * LAMBDAS.length, grid.length);
        assertArrayEquals(bits(manual), bits(tuned.avgMetrics()), "avgMetrics against separate fits: "
                + Arrays.toString(manual) + " vs " + Arrays.toString(tuned.avgMetrics()));
        int best = 0;
        for (int i = 1; i < manual.length; i++) {
            best = manual[i] < manual[best] ? i : best; // log loss: smaller is better; the first of a tie
        }
        SparkpropClassificationModel chosen = (SparkpropClassificationModel) tuned.bestModel();
        SparkpropClassifier chosenBy = (SparkpropClassifier) chosen.parent();
        assertEquals(grid[best].apply(classifier.keyParam("network")), chosenBy.getOrDefault(
                chosenBy.keyParam("network")));
        assertEquals(grid[best].apply(classifier.keyParam("regParam")), chosenBy.getOrDefault(
                chosenBy.keyParam("regParam")));
        SparkpropClassificationModel refitted = classifier.copy(grid[best]).fit(data);
        assertArrayEquals(bits(refitted.weights().toArray()), bits(chosen.weights().toArray()),
                "the best candidate refitted on all the data, Θ bit for bit");
        data.unpersist();
    }

    /**
     * Each candidate's log loss averaged over the folds, fitted serially: the folds as Spark's
     * validator draws them ({@code MLUtils.kFold(rows, folds, seed)}), as cached DataFrames.
     */
    private static double[] separateFitsOnTheSameFolds(Dataset<Row> data, SparkpropClassifier classifier,
                                                      ParamMap[] grid) {
        SparkSession spark = data.sparkSession();
        Tuple2<RDD<Row>, RDD<Row>>[] folds = MLUtils.kFold(data.toDF().rdd(), FOLDS, SEED,
                ClassTag$.MODULE$.apply(Row.class));
        double[] sums = new double[grid.length];
        for (Tuple2<RDD<Row>, RDD<Row>> fold : folds) {
            Dataset<Row> train = spark.createDataFrame(fold._1(), data.schema()).cache();
            Dataset<Row> validation = spark.createDataFrame(fold._2(), data.schema()).cache();
            for (int i = 0; i < grid.length; i++) {
                SparkpropClassificationModel model = classifier.copy(grid[i]).fit(train);
                sums[i] += logLoss().evaluate(model.transform(validation));
            }
            train.unpersist();
            validation.unpersist();
        }
        return Arrays.stream(sums).map(sum -> sum / FOLDS).toArray();
    }

    /** A grid axis as the Scala collection {@code ParamGridBuilder.addGrid} takes. */
    static scala.collection.Iterable<String> values(String... values) {
        return JavaConverters.collectionAsScalaIterable(Arrays.asList(values));
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
