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
 * <p>{@code features} is dense, one slot per feature. The array is not copied: it belongs to the
 * record and must not be changed. Because arrays compare by identity in records,
 * {@link #equals} and {@link #hashCode} are overridden to compare the contents.
 *
 * @param source   the file path or URI the row was read from
 * @param line     the 1-based line (or row) number in that file
 * @param label    the label text, trimmed
 * @param features the feature values, length = the feature count
 */
public record RawExample(String source, long line, String label, double[] features)
        implements Serializable {

    /** How many feature values {@link #toString()} prints before abbreviating. */
    private static final int SHOWN_FEATURES = 8;

    public RawExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(features, "features");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawExample that
                && line == that.line
                && source.equals(that.source)
                && label.equals(that.label)
                && Arrays.equals(features, that.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, line, label, Arrays.hashCode(features));
    }

    /** Prints the first few features only: a 784-pixel image would drown a log line. */
    @Override
    public String toString() {
        int shown = Math.min(features.length, SHOWN_FEATURES);
        String values = Arrays.toString(Arrays.copyOf(features, shown));
        if (shown < features.length) {
            values = values.substring(0, values.length() - 1) + ", ... (" + features.length + ")]";
        }
        return "RawExample[" + source + ":" + line + ", label=" + label + ", features=" + values + "]";
    }
}
