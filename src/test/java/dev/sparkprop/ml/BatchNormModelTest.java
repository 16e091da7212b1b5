package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch-normalized network in Spark ML: fitted with a first-order solver, its model holds the
 * running statistics in Θ, scores with them, and saves and loads them bit for bit; MLPC's
 * {@code weights()} has no place for them and says so, and L-BFGS is refused up front.
 */
class BatchNormModelTest {

    @TempDir
    Path dir;

    private static Dataset<Row> iris(String file) {
        return SharedSpark.session().read().format("libsvm").option("numFeatures", "4").load(file);
    }

    @Test
    void aFittedBnModelScoresWithItsRunningStatisticsAndRoundTrips() throws IOException {
        Dataset<Row> train = iris("sample-data/iris/train.libsvm");
        Dataset<Row> test = iris("sample-data/iris/test.libsvm");
        SparkpropClassificationModel model = new SparkpropClassifier().setNetwork("4-8:tanh:bn-3:softmax")
                .setSolver("adam").setStepSize(0.05).setMaxIter(40).setBatchSize(16).setSeed(7).fit(train);
        NetworkSpec spec = model.model().spec();
        double[] theta = model.model().theta();
        for (int i = 0; i < 8; i++) {
            assertTrue(theta[spec.runningMeanOffset(2) + i] != 0.0 && theta[spec.runningVarianceOffset(2) + i] != 1.0,
                    "the running statistics moved from their start");
        }
        List<Row> predicted = model.transform(test).select("label", "prediction").collectAsList();
        long right = predicted.stream().filter(row -> row.getDouble(0) == row.getDouble(1)).count();
        assertTrue(right >= 0.8 * predicted.size(), right + " of " + predicted.size() + " test flowers");

        String path = dir.resolve("bn-model").toString();
        model.save(path);
        SparkpropClassificationModel loaded = SparkpropClassificationModel.load(path);
        assertEquals(spec, loaded.model().spec());
        assertArrayEquals(theta, loaded.model().theta(), 0.0);
        assertEquals(model.transform(test).select("probability").collectAsList(),
                loaded.transform(test).select("probability").collectAsList());
        IllegalArgumentException mlpc = assertThrows(IllegalArgumentException.class, model::weights);
        assertTrue(mlpc.getMessage().contains("MLPC's weight layout cannot hold"), mlpc.getMessage());
    }

    @Test
    void lbfgsIsRefusedForABnNetwork() {
        Dataset<Row> train = iris("sample-data/iris/train.libsvm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkpropClassifier().setNetwork("4-8:tanh:bn-3:softmax").setMaxIter(5).fit(train));
        assertTrue(e.getMessage().contains("batch-normalized"), e.getMessage());
    }
}
