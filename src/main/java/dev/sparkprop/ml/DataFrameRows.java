package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;

import dev.sparkprop.data.RawExample;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A DataFrame's feature vectors and class labels as the {@link RawExample}s training reads. */
final class DataFrameRows {

    private DataFrameRows() {
    }

    /**
     * One {@link RawExample} per row, in the DataFrame's order: source = the features column's
     * name, line = the 1-based row position, label = the class index as text, features = the
     * vector's values (dense or sparse).
     */
    static JavaRDD<RawExample> of(Dataset<?> dataset, String featuresCol, String labelCol) {
        return dataset.select(col(featuresCol), col(labelCol).cast("double")).toJavaRDD().zipWithIndex()
                .map(row -> new RawExample(featuresCol, row._2() + 1, Integer.toString((int) row._1().getDouble(1)),
                        ((Vector) row._1().get(0)).toArray()));
    }

    /**
     * Refuses a label that is not a class index 0..classes-1, before any training: one line
     * naming the column and the value.
     */
    static void checkLabels(Dataset<?> dataset, String labelCol, int classes) {
        List<Row> distinct = dataset.select(col(labelCol).cast("double")).distinct().collectAsList();
        for (Row row : distinct) {
            Double label = row.isNullAt(0) ? null : row.getDouble(0);
            if (label == null || label != Math.rint(label) || label < 0 || label >= classes) {
                throw new IllegalArgumentException("labelCol '" + labelCol + "' holds " + label
                        + "; labels must be class indices 0.." + (classes - 1) + " (the network has " + classes
                        + " classes)");
            }
        }
    }
}
