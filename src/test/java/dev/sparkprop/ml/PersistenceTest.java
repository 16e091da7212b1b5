package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.Precision;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and loading in Spark ML: the estimator's Params, the model's Θ, a whole iris Pipeline
 * with string labels through {@code PipelineModel.load} in a fresh session, and a damaged data
 * file refused in one line. One pipeline is fitted for the class (a few seconds); the rest reuse it.
 */
class PersistenceTest {

    private static final String TRAIN = "sample-data/iris/train-species.csv";
    private static final String TEST = "sample-data/iris/test-species.csv";

    private static final String SCHEMA = "species STRING, sepal_length_cm DOUBLE, sepal_width_cm DOUBLE,"
            + " petal_length_cm DOUBLE, petal_width_cm DOUBLE";

    @TempDir
    static Path dir;

    private static PipelineModel fitted;
    /** Where {@link #fitted} is saved. */
    private static Path saved;

    private static Dataset<Row> read(SparkSession spark, String file) {
        return spark.read().option("header", "true").schema(SCHEMA).csv(file);
    }

    /**
     * Spark's own pattern for names as labels: the indexer is fitted up front, so IndexToString
     * knows the names when the pipeline is built; then measurements → scaled vector → network →
     * predicted class index → predicted species. The fitted pipeline is saved once, for the tests.
     */
    @BeforeAll
    static void fitAndSaveIrisPipeline() throws IOException {
        saved = dir.resolve("iris-pipeline");
        Dataset<Row> train = read(SharedSpark.session(), TRAIN);
        StringIndexerModel species = new StringIndexer().setInputCol("species").setOutputCol("label").fit(train);
        SparkpropClassifier classifier = new SparkpropClassifier()
                .setNetwork("4-8:tanh-3:softmax")
                .setSolver("adam")
                .setStepSize(0.1)
                .setMaxIter(60)
                .setBatchSize(0)
                .setSeed(7)
                .set("init", "xavier");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            species,
            new VectorAssembler().setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm", "petal_length_cm",
                "petal_width_cm"}).setOutputCol("measurements"),
            new StandardScaler().setWithMean(true).setInputCol("measurements").setOutputCol("features"),
            classifier,
            new IndexToString().setInputCol("prediction").setOutputCol("predictedSpecies")
                    .setLabels(species.labelsArray()[0])});
        fitted = pipeline.fit(train);
        fitted.write().save(saved.toString());
    }

    /** Spark's metadata JSON: {@code metadata/part-00000} on Spark 3.5, {@code part-00000-UUID-c000.txt} on Spark 4. */
    private static Path metadataFile(Path saved) throws IOException {
        try (Stream<Path> files = Files.list(saved.resolve("metadata"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
    }

    private static SparkpropClassificationModel network(PipelineModel model) {
        return assertInstanceOf(SparkpropClassificationModel.class, model.stages()[3]);
    }

    /**
     * The fresh session is {@code newSession()}: its own SQL state and temporary views over the
     * one SparkContext a JVM can hold, made active so {@code PipelineModel.load} reads with it.
     * The loaded stages are new objects built from the files alone; a second JVM would add a
     * Spark start (several seconds) and check only that no static state is involved, and the
     * sparkprop classes keep none.
     */
    @Test
    void pipelineLoadsInAFreshSessionAndPredictsTheSameProbabilities() {
        String path = saved.toString();
        List<Row> before = fitted.transform(read(SharedSpark.session(), TEST))
                .select("probability", "predictedSpecies", "species").collectAsList();

        SparkSession fresh = SharedSpark.session().newSession();
        SparkSession previous = SparkSession.getActiveSession().getOrElse(SharedSpark::session);
        List<Row> after;
        PipelineModel loaded;
        try {
            SparkSession.setActiveSession(fresh);
            loaded = PipelineModel.load(path);
            after = loaded.transform(read(fresh, TEST)).select("probability", "predictedSpecies").collectAsList();
        } finally {
            SparkSession.setActiveSession(previous);
        }

        assertNotSame(SharedSpark.session(), fresh);
        assertEquals(30, after.size());
        long right = 0;
        for (int i = 0; i < after.size(); i++) {
            double[] expected = ((Vector) before.get(i).get(0)).toArray();
            double[] actual = ((Vector) after.get(i).get(0)).toArray();
            assertArrayEquals(expected, actual, 1e-12, "row " + i);
            assertEquals(before.get(i).getString(1), after.get(i).getString(1));
            right += after.get(i).getString(1).equals(before.get(i).getString(2)) ? 1 : 0;
        }
        assertTrue(right >= 27, right + " of 30 species right");
        assertArrayEquals(bits(network(fitted).model().theta()), bits(network(loaded).model().theta()),
                "Θ, bit for bit");
    }

    @Test
    void unfittedEstimatorRoundTripsItsParamsAloneAndInAPipeline() throws IOException {
        SparkpropClassifier classifier = new SparkpropClassifier().setNetwork("4-6:relu-3:softmax")
                .setSolver("momentum")
                .setRegParam(0.3).set("dropout", "0.1").set("precision", "float").setFeaturesCol("scaled");
        String alone = dir.resolve("estimator").toString();
        classifier.save(alone);

        SparkpropClassifier loaded = SparkpropClassifier.load(alone);

        assertEquals(classifier.uid(), loaded.uid());
        assertSameParams(classifier, loaded);
        assertEquals("momentum", loaded.getOrDefault(loaded.keyParam("solver")));
        assertEquals("scaled", loaded.getFeaturesCol());
        assertEquals(Precision.FLOAT, loaded.trainConfig().spark().precision());
        assertEquals(classifier.trainConfig().toMap(), loaded.trainConfig().toMap());

        String inPipeline = dir.resolve("unfitted-pipeline").toString();
        new Pipeline().setStages(new PipelineStage[] {classifier}).save(inPipeline);
        SparkpropClassifier stage = assertInstanceOf(SparkpropClassifier.class,
                Pipeline.load(inPipeline).getStages()[0]);
        assertSameParams(classifier, stage);
    }

    @Test
    void modelRoundTripsItsThetaParamsAndPredictionsAndOverwritesOnlyWhenAsked() throws IOException {
        SparkpropClassificationModel model = network(fitted).copy(new org.apache.spark.ml.param.ParamMap())
                .setProbabilityCol("p");
        String path = dir.resolve("model").toString();
        model.save(path);

        SparkpropClassificationModel loaded = SparkpropClassificationModel.load(path);

        assertEquals(model.uid(), loaded.uid());
        assertArrayEquals(bits(model.model().theta()), bits(loaded.model().theta()), "Θ, bit for bit");
        assertEquals("p", loaded.getProbabilityCol());
        assertEquals(model.model().provenance(), loaded.model().provenance());
        Dataset<Row> features = fitted.transform(read(SharedSpark.session(), TEST)).select("features");
        assertEquals(model.transform(features).select("p").collectAsList(),
                loaded.transform(features).select("p").collectAsList());
        String metadata = Files.readString(metadataFile(Path.of(path)));
        assertTrue(metadata.contains("\"class\":\"dev.sparkprop.ml.SparkpropClassificationModel\"")
                && metadata.contains("\"probabilityCol\":\"p\""), metadata);
        Model cliView = ModelStore.load(path + "/data", new Configuration());
        assertArrayEquals(bits(model.model().theta()), bits(cliView.theta()), "the data is a sparkprop model file");

        IOException exists = assertThrows(IOException.class, () -> model.save(path));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        model.setProbabilityCol("q").write().overwrite().save(path);
        assertEquals("q", SparkpropClassificationModel.load(path).getProbabilityCol());
    }

    @Test
    void refusesACorruptOrTruncatedDataFileInOneLineNamingIt() throws IOException {
        Path damaged = dir.resolve("damaged");
        copyTree(saved, damaged);
        String path = damaged.toString();
        String stage;
        try (Stream<Path> stages = Files.list(damaged.resolve("stages"))) {
            stage = stages.filter(p -> p.getFileName().toString().startsWith("3_")).findFirst().orElseThrow()
                    .toString();
        }
        Path file = Path.of(stage, "data", "model.sparkprop");
        byte[] bytes = Files.readAllBytes(file);
        byte[] corrupt = bytes.clone();
        corrupt[bytes.length / 2] ^= 1; // one bit of Θ

        Files.write(file, corrupt);
        IllegalArgumentException flipped = assertThrows(IllegalArgumentException.class,
                () -> PipelineModel.load(path));
        assertEquals(file + ": checksum mismatch: the file is corrupt or truncated", flipped.getMessage());

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes.length - 40);
        }
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> SparkpropClassificationModel.load(stage));
        assertEquals(file + ": the file is truncated (no checksum line at the end)", truncated.getMessage());
        assertFalse(truncated.getMessage().contains("\n"));
        IllegalArgumentException notSaved = assertThrows(IllegalArgumentException.class,
                () -> SparkpropClassificationModel.load(stage + "/data"));
        assertEquals(stage + "/data: not a saved Spark ML model (no metadata/ directory)", notSaved.getMessage());
    }

    private static void assertSameParams(SparkpropClassifier expected, SparkpropClassifier actual) {
        assertEquals(expected.params().length, actual.params().length);
        for (Param<?> param : expected.params()) {
            Param<Object> twin = actual.getParam(param.name());
            assertEquals(expected.isSet(param), actual.isSet(twin), param.name());
            if (expected.isDefined(param)) {
                assertEquals(expected.getOrDefault(param), actual.getOrDefault(twin), param.name());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
