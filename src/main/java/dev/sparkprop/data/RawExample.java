package dev.sparkprop.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One parsed input row, before labels are turned into class indices or targets.
 *
 * <p>It keeps where it came from ({@code source} and the 1-based {@code line}; for Parquet the
 * 1-based row number) so that every later complaint about this row can point at it. The label
 * stays text, exactly as written but trimmed: whether {@code "1"} and {@code "1.0"} are the same
 * class, or whether labels are numbers at all, is for the caller to decide, not the parser.
 *
 * <p>The features come in one of two forms, as they were read. Dense ({@code indices} null):
 * {@code values} holds all {@code featureCount} values. Sparse (LIBSVM lines, Spark's sparse
 * vectors): {@code indices} holds the 0-based positions of the stored values, strictly ascending,
 * and {@code values} the values at them; every other feature is 0. A sparse row stays sparse
 * until the cached blocks are built, which decide, by the {@code sparse} key and the data's
 * density, whether to keep it so: a 2^18-feature text row is a few dozen numbers, not 2 MB.
 * The arrays are not copied: they belong to the record and must not be changed.
 * {@link #equals} and {@link #hashCode} compare the features' values, whichever the form.
 *
 * @param source       the file path or URI the row was read from
 * @param line         the 1-based line (or row) number in that file
 * @param label        the label text, trimmed
 * @param featureCount how many features the row has, zeros included
 * @param indices      the 0-based positions of {@code values}, ascending; null when dense
 * @param values       the feature values: all of them (dense) or those at {@code indices}
 */
public record RawExample(String source, long line, String label, int featureCount, int[] indices, double[] values)
        implements Serializable {

    /** How many feature values {@link #toString()} prints before abbreviating. */
    private static final int SHOWN_FEATURES = 8;

    public RawExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(values, "values");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
        if (indices == null ? values.length != featureCount : indices.length != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + featureCount + " features and "
                    + (indices == null ? "no" : Integer.toString(indices.length)) + " indices");
        }
    }

    /** A dense row: {@code features} holds every value. */
    public RawExample(String source, long line, String label, double[] features) {
        this(source, line, label, features.length, null, features);
    }

    /** A sparse row of {@code featureCount} features: {@code values} at the 0-based {@code indices}, zeros elsewhere. */
    public static RawExample sparse(String source, long line, String label, int featureCount, int[] indices,
                                    double[] values) {
        return new RawExample(source, line, label, featureCount, Objects.requireNonNull(indices, "indices"), values);
    }

    /** Whether the row holds only its stored values ({@link #indices()} not null). */
    public boolean isSparse() {
        return indices != null;
    }

    /**
     * Every feature value, zeros included: the row's own array when dense, a new one when sparse
     * (so, for a sparse row, not for the step's hot path).
     */
    public double[] features() {
        if (indices == null) {
            return values;
        }
        double[] dense = new double[featureCount];
        for (int k = 0; k < indices.length; k++) {
            dense[indices[k]] = values[k];
        }
        return dense;
    }

    /** How many feature values are not 0: what a compressed row of these features stores. */
    public int nonZeroCount() {
        int count = 0;
        for (double value : values) {
            count += value != 0.0 ? 1 : 0;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawExample that
                && line == that.line
                && source.equals(that.source)
                && label.equals(that.label)
                && featureCount == that.featureCount
                && Arrays.equals(features(), that.features());
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, line, label, Arrays.hashCode(features()));
    }

    /** Prints the first few features only: a 784-pixel image would drown a log line. */
    @Override
    public String toString() {
        if (indices != null) {
            int shown = Math.min(indices.length, SHOWN_FEATURES);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < shown; k++) {
                text.append(k == 0 ? "" : " ").append(indices[k] + 1).append(':').append(values[k]);
            }
            return "RawExample[" + source + ":" + line + ", label=" + label + ", features=" + featureCount
                    + " {" + text + (shown < indices.length ? " ... (" + indices.length + " stored)" : "") + "}]";
        }
        int shown = Math.min(values.length, SHOWN_FEATURES);
        String text = Arrays.toString(Arrays.copyOf(values, shown));
        if (shown < values.length) {
            text = text.substring(0, text.length() - 1) + ", ... (" + values.length + ")]";
        }
        return "RawExample[" + source + ":" + line + ", label=" + label + ", features=" + text + "]";
    }
}
