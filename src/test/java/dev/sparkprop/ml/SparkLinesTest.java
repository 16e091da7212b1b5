package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.BuildOutput;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The two Spark lines against each other: an iris classifier fitted and saved under Spark 3.5
 * ({@code golden/ml/iris-spark3.5}) and one under Spark 4 ({@code golden/ml/iris-spark4}) both load
 * under the line running this test, and both hold, bit for bit, the Θ this line fits from the same
 * settings, seed and partitions: same Θ on both lines, and a model saved under either loads under
 * the other. The goldens are written by {@code mvn -Dspark.line=L test -Dtest=SparkLinesTest
 * -Dsparkprop.golden.write=true} on each line L.
 */
class SparkLinesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/ml");
    private static final List<String> LINES = List.of("3.5", "4");

    private static SparkpropClassificationModel fitted;
    private static Dataset<Row> test;

    @BeforeAll
    static void fitIrisOnThisLine() {
        test = features("sample-data/iris/test.libsvm");
        fitted = new SparkpropClassifier()
                .setNetwork("4-8:tanh-3:softmax")
                .setSolver("adam")
                .setStepSize(0.05)
                .setMaxIter(40)
                .setBatchSize(16)
                .setSeed(11)
                .set("numPartitions", "2")
                .set("scaling", "standardize")
                .fit(features("sample-data/iris/train.libsvm"));
    }

    private static Dataset<Row> features(String file) {
        return SharedSpark.session().read().format("libsvm").option("numFeatures", "4").load(file);
    }

    @Test
    void modelsSavedUnderEitherLineLoadHereWithThisLinesTheta() {
        for (String line : LINES) {
            Path saved = GOLDEN.resolve("iris-spark" + line);
            assertTrue(Files.isDirectory(saved), saved + " is missing: write it on Spark " + line
                    + " with -Dsparkprop.golden.write=true");
            SparkpropClassificationModel loaded = SparkpropClassificationModel.load(saved.toString());
            assertEquals(fitted.getOrDefault(fitted.featuresCol()), loaded.getOrDefault(loaded.featuresCol()));
            assertEquals(fitted.numClasses(), loaded.numClasses());
            assertArrayEquals(bits(fitted.model().theta()), bits(loaded.model().theta()),
                    "Θ saved under Spark " + line + " against Θ fitted under Spark " + BuildOutput.sparkLine());
            List<Row> expected = fitted.transform(test).select("probability").collectAsList();
            List<Row> actual = loaded.transform(test).select("probability").collectAsList();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(((Vector) expected.get(i).get(0)).toArray(), ((Vector) actual.get(i).get(0)).toArray(),
                        0.0, "Spark " + line + "'s model, test row " + i);
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sparkprop.golden.write", matches = "true")
    void writeThisLinesGolden() throws IOException {
        fitted.write().overwrite().save(GOLDEN.resolve("iris-spark" + BuildOutput.sparkLine()).toString());
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
