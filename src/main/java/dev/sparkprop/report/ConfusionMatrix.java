package dev.sparkprop.report;

import java.util.List;

/**
 * Confusion counts for a report: {@code counts[actual][predicted]} over the examples of
 * {@code dataset}, with the class names in index order.
 *
 * @param dataset which examples were counted, e.g. {@code test}
 * @param classNames K names (K ≥ 2)
 * @param counts K x K, rows the actual class, columns the predicted one
 */
public record ConfusionMatrix(String dataset, List<String> classNames, long[][] counts) {

    /** Checks that the matrix is K x K for the K names. */
    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        int k = classNames.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("a confusion matrix for " + k + " classes has " + counts.length
                    + " rows; it needs " + k);
        }
        for (int a = 0; a < k; a++) {
            if (counts[a].length != k) {
                throw new IllegalArgumentException("row " + a + " of the confusion matrix has " + counts[a].length
                        + " counts; it needs " + k);
            }
        }
    }

    /** K. */
    public int size() {
        return classNames.size();
    }

    /** The examples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }
}
