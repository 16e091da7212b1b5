package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkprop.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A DataFrame of sparse vectors (as HashingTF writes them) fits on sparse blocks, by {@code sparse}
 * = auto, to the weights that dense blocks give, to 1e-12; {@code setSparse} reaches the run.
 */
class SparseVectorsFitTest {

    private static Dataset<Row> thinRows(SparkSession spark) {
        SplittableRandom random = new SplittableRandom(9);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 80; r++) {
            int label = random.nextInt(3);
            List<Integer> indices = new ArrayList<>();
            for (int j = 0; j < 600; j++) {
                if ((j < 30 && j % 3 == label && random.nextDouble() < 0.3) || random.nextDouble() < 0.004) {
                    indices.add(j);
                }
            }
            double[] values = indices.stream().mapToDouble(j -> 1.0 + (j % 2)).toArray();
            rows.add(RowFactory.create((double) label,
                    Vectors.sparse(600, indices.stream().mapToInt(Integer::intValue).toArray(), values)));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
        return spark.createDataFrame(rows, schema);
    }

    private static SparkpropClassifier classifier(String sparse) {
        return new SparkpropClassifier().setNetwork("600-5:tanh-3:softmax").setSolver("adam").setMaxIter(4)
                .setBatchSize(16).setStepSize(0.01).setSeed(2).setSparse(sparse);
    }

    @Test
    void sparseVectorsFitToTheDenseWeights() {
        Dataset<Row> data = thinRows(SharedSpark.session());
        double[] sparse = classifier("auto").fit(data).weights().toArray();
        double[] dense = classifier("false").fit(data).weights().toArray();
        double scale = 0;
        for (double v : dense) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(dense.length, sparse.length);
        for (int p = 0; p < dense.length; p++) {
            assertEquals(dense[p], sparse[p], 1e-12 * scale, "weight " + p);
        }
        assertEquals("sparse=yes: must be auto, true or false",
                assertThrows(IllegalArgumentException.class, () -> classifier("yes")).getMessage());
    }
}
