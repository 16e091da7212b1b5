package dev.sparkprop.data;

import java.io.Serializable;
import java.util.List;

/**
 * The header of a CSV file: its column names and which one holds the label.
 * Every other column is a feature, in file order. Built by {@link CsvParser#header}, which
 * checks the names; it travels to Spark tasks, so it is small and serializable.
 *
 * @param columns    the column names, trimmed, unique and non-empty
 * @param labelIndex the 0-based position of the label column
 */
record CsvHeader(List<String> columns, int labelIndex) implements Serializable {

    public CsvHeader {
        columns = List.copyOf(columns);
        if (labelIndex < 0 || labelIndex >= columns.size()) {
            throw new IllegalArgumentException("labelIndex " + labelIndex
                    + " is outside the " + columns.size() + " columns");
        }
    }

    /** How many features each row has: every column but the label. */
    public int featureCount() {
        return columns.size() - 1;
    }

    /** The name of the label column. */
    public String labelColumn() {
        return columns.get(labelIndex);
    }
}
