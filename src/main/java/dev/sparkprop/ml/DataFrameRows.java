package dev.sparkprop.ml;

import static org.apache.spark.sql.functions.col;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * A DataFrame's feature vectors, labels and (optionally) validation indicators as the
 * {@link RawExample}s training reads. The three columns are read from the DataFrame once and
 * cached: the row check fills the cache, and numbering, scaling and caching the examples read it.
 *
 * <p>Each example's source is the features column's name and its line the 1-based position of
 * its row in the DataFrame; its label is the class index as text, or the regression target as
 * {@link Double#toString} prints it (which reads back to the same double).
 */
final class DataFrameRows {

    private final JavaRDD<Row> selected;
    private final JavaPairRDD<Row, Long> numbered;
    private final String featuresCol;
    private final boolean classification;
    private final boolean hasIndicator;

    private DataFrameRows(JavaRDD<Row> selected, String featuresCol, boolean classification, boolean hasIndicator) {
        this.selected = selected;
        this.featuresCol = featuresCol;
        this.classification = classification;
        this.hasIndicator = hasIndicator;
        this.numbered = selected.zipWithIndex();
    }

    /**
     * Reads the columns and refuses the first bad row before any training, in one line naming the
     * column and the value: a missing feature vector; a label that is not a class index
     * 0..classes-1 ({@code classes} &gt; 0) or, for regression ({@code classes} = 0), not a finite
     * number; a missing validation indicator.
     *
     * @param indicatorCol a boolean column (true: validation row), or null for none
     */
    static DataFrameRows read(Dataset<?> dataset, String featuresCol, String labelCol, String indicatorCol,
                              int classes) {
        List<Column> columns = new ArrayList<>(List.of(col(featuresCol), col(labelCol).cast("double")));
        if (indicatorCol != null) {
            if (!List.of(dataset.columns()).contains(indicatorCol)) {
                throw new IllegalArgumentException("validationIndicatorCol '" + indicatorCol + "' is not a column;"
                        + " the columns are " + String.join(", ", dataset.columns()));
            }
            StructField field = dataset.schema().apply(indicatorCol);
            if (!field.dataType().equals(DataTypes.BooleanType)) {
                throw new IllegalArgumentException("validationIndicatorCol '" + indicatorCol + "' is of type "
                        + field.dataType().simpleString() + "; it must be boolean (true: a validation row)");
            }
            columns.add(col(indicatorCol));
        }
        JavaRDD<Row> selected = dataset.select(columns.toArray(new Column[0])).toJavaRDD();
        selected.persist(StorageLevel.MEMORY_AND_DISK());
        List<String> problems = DataReader.perform(() -> selected
                .map(row -> problem(row, featuresCol, labelCol, indicatorCol, classes))
                .filter(Objects::nonNull)
                .take(1));
        if (!problems.isEmpty()) {
            selected.unpersist(false);
            throw new IllegalArgumentException(problems.get(0));
        }
        return new DataFrameRows(selected, featuresCol, classes > 0, indicatorCol != null);
    }

    /** What is wrong with a row, or null. */
    private static String problem(Row row, String featuresCol, String labelCol, String indicatorCol, int classes) {
        if (row.isNullAt(0)) {
            return "featuresCol '" + featuresCol + "' holds null; every row needs a feature vector";
        }
        Double label = row.isNullAt(1) ? null : row.getDouble(1);
        if (classes > 0 && (label == null || label != Math.rint(label) || label < 0 || label >= classes)) {
            return "labelCol '" + labelCol + "' holds " + label + "; labels must be class indices 0.." + (classes - 1)
                    + " (the network has " + classes + " classes)";
        }
        if (classes == 0 && (label == null || !Double.isFinite(label))) {
            return "labelCol '" + labelCol + "' holds " + label + "; a regression label must be a finite number";
        }
        if (indicatorCol != null && row.isNullAt(2)) {
            return "validationIndicatorCol '" + indicatorCol + "' holds null; it must be true (a validation row) or"
                    + " false (a training row)";
        }
        return null;
    }

    /** Every row, in the DataFrame's order. */
    JavaRDD<RawExample> all() {
        return examples(numbered);
    }

    /** The rows whose indicator is {@code validation}, in the DataFrame's order (numbered among all rows). */
    JavaRDD<RawExample> indicated(boolean validation) {
        if (!hasIndicator) {
            throw new IllegalStateException("no validation indicator column was read");
        }
        return examples(numbered.filter(row -> row._1().getBoolean(2) == validation));
    }

    private JavaRDD<RawExample> examples(JavaPairRDD<Row, Long> rows) {
        String source = featuresCol;
        boolean classes = classification;
        return rows.map(row -> {
            double label = row._1().getDouble(1);
            String text = classes ? Integer.toString((int) label) : Double.toString(label);
            Vector features = (Vector) row._1().get(0);
            // A sparse vector (HashingTF's, CountVectorizer's) stays sparse until the blocks are built.
            return features instanceof SparseVector sparse
                    ? RawExample.sparse(source, row._2() + 1, text, sparse.size(), sparse.indices(), sparse.values())
                    : new RawExample(source, row._2() + 1, text, features.toArray());
        });
    }

    /** Drops the cached columns, once the examples are cached in their own blocks. */
    void release() {
        selected.unpersist(false);
    }
}
