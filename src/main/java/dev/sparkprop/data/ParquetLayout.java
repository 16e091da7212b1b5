package dev.sparkprop.data;

import static dev.sparkprop.data.DataFormatException.quote;

import java.io.Serializable;
import java.math.BigDecimal;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Where the label and the features sit in a Parquet row, and how to turn the row into a
 * {@link RawExample}. Decided once on the driver by {@link ParquetInput}, then shipped to the
 * tasks, so it holds only positions, names and sizes.
 *
 * @param source         the path, for messages and examples
 * @param labelIndex     the label's position in the row
 * @param labelColumn    the label's name, for messages
 * @param featureIndexes the feature columns' positions: one vector column, or numeric columns
 * @param featureColumns their names, for messages
 * @param vector         whether {@code featureIndexes} is a single vector column
 * @param featureCount   the number of features every example must have
 */
record ParquetLayout(String source, int labelIndex, String labelColumn, int[] featureIndexes,
                     String[] featureColumns, boolean vector, int featureCount)
        implements Serializable {

    /** Converts one row; {@code line} is its 1-based position in the data. */
    RawExample toExample(Row row, long line) {
        String label = label(row, line);
        return vector ? fromVector(row, line, label) : new RawExample(source, line, label, fromColumns(row, line));
    }

    private String label(Row row, long line) {
        requirePresent(row, labelIndex, labelColumn, line);
        Object value = row.get(labelIndex);
        if (value instanceof Number number) {
            if (!Double.isFinite(number.doubleValue())) {
                throw new DataFormatException(source, line, "label column " + quote(labelColumn)
                        + " value " + number + " is not finite");
            }
            // toString of a BigDecimal may switch to exponent notation; a label should not.
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        String text = value.toString().strip();
        Numbers.checkLabel(source, line, labelColumn, text);
        return text;
    }

    /** A sparse vector stays sparse (its stored values), a dense one dense; each value is checked. */
    private RawExample fromVector(Row row, long line, String label) {
        requirePresent(row, featureIndexes[0], featureColumns[0], line);
        Vector values = row.getAs(featureIndexes[0]);
        if (values.size() != featureCount) {
            throw new DataFormatException(source, line, "column " + quote(featureColumns[0])
                    + " holds " + values.size() + " values; expected " + featureCount);
        }
        int[] indices = values instanceof SparseVector sparse ? sparse.indices() : null;
        double[] features = indices != null ? ((SparseVector) values).values() : values.toArray();
        for (int k = 0; k < features.length; k++) {
            if (!Double.isFinite(features[k])) {
                throw new DataFormatException(source, line, "column " + quote(featureColumns[0])
                        + " element " + ((indices == null ? k : indices[k]) + 1) + " value " + features[k]
                        + " is not finite");
            }
        }
        return indices == null ? new RawExample(source, line, label, features)
                : RawExample.sparse(source, line, label, featureCount, indices, features);
    }

    private double[] fromColumns(Row row, long line) {
        double[] features = new double[featureIndexes.length];
        for (int i = 0; i < featureIndexes.length; i++) {
            requirePresent(row, featureIndexes[i], featureColumns[i], line);
            double value = ((Number) row.get(featureIndexes[i])).doubleValue();
            if (!Double.isFinite(value)) {
                throw new DataFormatException(source, line, "column " + quote(featureColumns[i])
                        + " value " + value + " is not finite");
            }
            features[i] = value;
        }
        return features;
    }

    private void requirePresent(Row row, int index, String column, long line) {
        if (row.isNullAt(index)) {
            throw new DataFormatException(source, line, "column " + quote(column) + " is null");
        }
    }
}
