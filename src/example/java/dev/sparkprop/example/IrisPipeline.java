package dev.sparkprop.example;

import static org.apache.spark.sql.functions.col;

import dev.sparkprop.ml.SparkpropClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application that uses sparkprop as a library, as a user's own program would: it knows
 * only {@link SparkpropClassifier}'s public API and Spark ML. It fits a {@link Pipeline} of
 * {@code VectorAssembler} (the four iris measurements into one vector), {@code StandardScaler}
 * (scaling is a stage in Spark ML, not the estimator's business) and a 4-8-3 sparkprop network
 * (30 full-batch Adam steps) on the training CSV, then prints the accuracy on the test CSV.
 *
 * <p>Built into {@code target/sparkprop_2.12-spark3.5-example.jar} (only this package) and run with sparkprop on
 * {@code --jars}:
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class dev.sparkprop.example.IrisPipeline \
 *   --jars target/sparkprop_2.12-spark3.5-cluster.jar target/sparkprop_2.12-spark3.5-example.jar \
 *   sample-data/iris/train.csv sample-data/iris/test.csv
 * </pre>
 *
 * The CSV files are read where the work runs, so on a cluster they must be paths every node sees.
 */
public final class IrisPipeline {

    private static final String[] MEASUREMENTS = {"sepal_length_cm", "sepal_width_cm", "petal_length_cm",
        "petal_width_cm"};

    private IrisPipeline() {
    }

    /** {@code args}: the training CSV and the test CSV (header; {@code label} 0..2, then the four measurements). */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: IrisPipeline TRAIN_CSV TEST_CSV");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("sparkprop example: iris pipeline").getOrCreate();
        try {
            Dataset<Row> train = read(spark, args[0]);
            Dataset<Row> test = read(spark, args[1]);

            SparkpropClassifier network = new SparkpropClassifier()
                    .setNetwork("4-8:tanh-3:softmax")
                    .setSolver("adam")
                    .setStepSize(0.1)
                    .setMaxIter(30)
                    .setSeed(1)
                    .set("init", "xavier")
                    .set("numPartitions", "2");
            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("measurements"),
                new StandardScaler().setInputCol("measurements").setOutputCol("features").setWithMean(true),
                network});
            PipelineModel model = pipeline.fit(train);

            Dataset<Row> scored = model.transform(test);
            double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
            System.out.printf("trained %s on %d examples%n", network.getOrDefault(network.keyParam("network")),
                    train.count());
            System.out.printf("test accuracy %.4f on %d examples%n", accuracy, scored.count());
        } finally {
            spark.stop();
        }
    }

    /** A CSV with a header, its columns typed by Spark, the label as the double Spark ML expects. */
    private static Dataset<Row> read(SparkSession spark, String file) {
        return spark.read().option("header", "true").option("inferSchema", "true").csv(file)
                .withColumn("label", col("label").cast("double"));
    }
}
