package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.TrainConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkpropClassifierTest {

    private static final String[] IRIS_FEATURES = {"sepal_length_cm", "sepal_width_cm", "petal_length_cm",
        "petal_width_cm"};

    /** An iris CSV as Spark ML expects it: the four measurements as raw columns, label a double. */
    private static Dataset<Row> irisColumns(String file) {
        SparkSession spark = SharedSpark.session();
        return spark.read().option("header", "true").option("inferSchema", "true").csv(file)
                .withColumn("label", col("label").cast("double"));
    }

    private static VectorAssembler assembler() {
        return new VectorAssembler().setInputCols(IRIS_FEATURES).setOutputCol("features");
    }

    private static Dataset<Row> iris(String file) {
        return assembler().transform(irisColumns(file));
    }

    /** conf/iris.properties' settings, through the typed and the generic setters. */
    private static SparkpropClassifier irisClassifier() {
        return new SparkpropClassifier()
                .setNetwork("4-8:tanh-3:softmax")
                .setSolver("sgd")
                .setBlockSize(256)
                .setMaxIter(500)
                .setBatchSize(0)
                .setStepSize(0.3)
                .setSeed(1)
                .set("init", "xavier")
                .set("numPartitions", "2")
                .set("scaling", "standardize");
    }

    /**
     * conf/iris.properties, standardize included. The train command reads the file as two byte
     * ranges and a small DataFrame is one partition; the scaling's sums are exact
     * ({@code model.ExactSum}), so both fit the same mean and deviation and reach the same Θ.
     * (With plain double sums the two differed in the mean's last bits, and so in Θ.)
     */
    @Test
    void fitsTheSameThetaAsTheTrainCommand(@TempDir Path dir) throws Exception {
        Map<String, String> keys = IrisConfig.writingTo(dir.resolve("out"));
        keys.put("epochs", "500");
        keys.put("batch-size", "0");
        keys.put("learning-rate", "0.3");
        keys.put("seed", "1");
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(keys),
                new PrintStream(OutputStream.nullOutputStream()));
        Model cli;
        try (InputStream in = Files.newInputStream(dir.resolve("out").resolve("model.sparkprop"))) {
            cli = ModelFile.read(in, "model.sparkprop");
        }

        SparkpropClassificationModel fitted = irisClassifier().fit(iris("sample-data/iris/train.csv"));

        assertArrayEquals(bits(cli.theta()), bits(fitted.model().theta()), "Θ, bit for bit");
        assertArrayEquals(new int[] {4, 8, 3}, fitted.layers());
        assertEquals(4, fitted.numFeatures());
        assertEquals(3, fitted.numClasses());
    }

    @Test
    void transformAddsPredictionsThatScoreTheTestSet() {
        SparkpropClassificationModel fitted = irisClassifier().fit(iris("sample-data/iris/train.csv"));

        Dataset<Row> scored = fitted.transform(iris("sample-data/iris/test.csv"));

        assertTrue(Arrays.asList(scored.columns()).containsAll(List.of("prediction", "probability", "rawPrediction")),
                Arrays.toString(scored.columns()));
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
        Vector probability = scored.first().getAs("probability");
        assertEquals(1.0, Arrays.stream(probability.toArray()).sum(), 1e-12);
    }

    @Test
    void fitsInAPipelineAfterAVectorAssembler() {
        SparkpropClassifier classifier = new SparkpropClassifier().setLayers(new int[] {4, 5, 3}).setMaxIter(20)
                .set("scaling", "standardize");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler(), classifier});

        PipelineModel model = pipeline.fit(irisColumns("sample-data/iris/train.csv"));
        Dataset<Row> scored = model.transform(irisColumns("sample-data/iris/test.csv"));

        assertEquals(30, scored.select("prediction").count());
        SparkpropClassificationModel fitted = (SparkpropClassificationModel) model.stages()[1];
        assertEquals("4-5:sigmoid-3:softmax", fitted.model().spec().toString());
    }

    @Test
    void refusesALabelThatIsNotAClassIndex() {
        Dataset<Row> train = iris("sample-data/iris/train.csv");
        for (String bad : new String[] {"2.5", "7.0"}) {
            Dataset<Row> data = train.withColumn("label",
                    org.apache.spark.sql.functions.when(col("label").equalTo(2), Double.parseDouble(bad))
                            .otherwise(col("label")));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> irisClassifier().setMaxIter(1).fit(data));

            assertEquals("labelCol 'label' holds " + bad + "; labels must be class indices 0..2 (the network has 3"
                    + " classes)", e.getMessage());
        }
    }

    @Test
    void paramsAreTheKeyTablesWithItsDefaultsAndMlpcSolverNames() {
        SparkpropClassifier classifier = new SparkpropClassifier().setSolver("gd");

        assertEquals("sgd", classifier.getOrDefault(classifier.keyParam("solver")));
        assertEquals("100", classifier.getOrDefault(classifier.keyParam("maxIter")), "MLPC's default");
        assertEquals("none", classifier.getOrDefault(classifier.keyParam("scaling")));
        assertTrue(classifier.hasParam("stepSize") && classifier.hasParam("featuresCol"));
        assertTrue(!classifier.hasParam("output") && !classifier.hasParam("resume"));
        assertTrue(classifier.hasParam("checkpointInterval") && classifier.hasParam("validationIndicatorCol"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier.set("stepSize", "fast"));
        assertEquals("learning-rate=fast: not a number", e.getMessage());
        SparkpropClassifier copy = classifier.copy(new org.apache.spark.ml.param.ParamMap());
        assertEquals("sgd", copy.getOrDefault(copy.keyParam("solver")));
        SparkpropClassifier fresh = new SparkpropClassifier();
        assertEquals("lbfgs", fresh.getOrDefault(fresh.keyParam("solver")), "MLPC's l-bfgs");
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
