package dev.sparkprop.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * How raw features are mapped before they reach the input layer: {@code x' = (x - offset) * factor},
 * feature by feature. The statistics are computed once from the training data and kept with the
 * model, so prediction scales new data exactly as training did.
 *
 * <pre>
 *   kind          offset        factor             config text
 *   NONE          0             1                  none
 *   DIVIDE        0             1 / C              divide:255   (MNIST pixels to [0, 1])
 *   MIN_MAX       min           1 / (max - min)    min-max      (to [0, 1]; constant features to 0)
 *   STANDARDIZE   mean          1 / std            standardize  (population std; constant features to 0)
 * </pre>
 *
 * @param kind the rule
 * @param offset per-feature offset (length = feature count)
 * @param factor per-feature factor (length = feature count)
 */
public record FeatureScaling(Kind kind, double[] offset, double[] factor) implements Serializable {

    /** The scaling rules, with the constant C for {@code DIVIDE}. */
    public enum Kind {
        NONE, DIVIDE, MIN_MAX, STANDARDIZE;

        /** Checks {@code text} ({@code none}, {@code divide:C}, {@code min-max}, {@code standardize}) and returns its kind. */
        public static Kind parse(String text) {
            String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (name.startsWith("divide:")) {
                divisor(name);
                return DIVIDE;
            }
            return switch (name) {
                case "none" -> NONE;
                case "min-max" -> MIN_MAX;
                case "standardize" -> STANDARDIZE;
                default -> throw new IllegalArgumentException("unknown scaling '" + text
                        + "'; choose one of none, divide:C (e.g. divide:255), min-max, standardize");
            };
        }

        /** C of {@code divide:C}; must be a finite non-zero number. */
        static double divisor(String text) {
            String value = text.trim().substring("divide:".length());
            try {
                double c = Double.parseDouble(value);
                if (c == 0.0 || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("scaling '" + text + "': C must be a finite number, not 0");
                }
                return c;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("scaling '" + text + "': '" + value + "' is not a number", e);
            }
        }
    }

    /** Validates lengths and values. */
    public FeatureScaling {
        if (offset.length != factor.length) {
            throw new IllegalArgumentException("scaling has " + offset.length + " offsets and " + factor.length
                    + " factors");
        }
        for (int i = 0; i < offset.length; i++) {
            if (!Double.isFinite(offset[i]) || !Double.isFinite(factor[i])) {
                throw new IllegalArgumentException("scaling of feature " + (i + 1) + " is not finite: offset "
                        + offset[i] + ", factor " + factor[i]);
            }
        }
    }

    /** No scaling for {@code features} features. */
    public static FeatureScaling none(int features) {
        double[] ones = new double[features];
        Arrays.fill(ones, 1.0);
        return new FeatureScaling(Kind.NONE, new double[features], ones);
    }

    /**
     * The scaling named by {@code text} from the training data's statistics.
     *
     * @param stats per-feature min, max, mean and population standard deviation
     */
    public static FeatureScaling fit(String text, FeatureStatistics stats) {
        Kind kind = Kind.parse(text);
        int n = stats.featureCount();
        double[] offset = new double[n];
        double[] factor = new double[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case NONE -> factor[i] = 1.0;
                case DIVIDE -> factor[i] = 1.0 / Kind.divisor(text);
                case MIN_MAX -> {
                    double range = stats.max(i) - stats.min(i);
                    offset[i] = stats.min(i);
                    factor[i] = range > 0 ? 1.0 / range : 0.0;
                }
                case STANDARDIZE -> {
                    double std = stats.standardDeviation(i);
                    offset[i] = stats.mean(i);
                    factor[i] = std > 0 ? 1.0 / std : 0.0;
                }
            }
        }
        return new FeatureScaling(kind, offset, factor);
    }

    /** Whether the scaling leaves data as it is, so it can be skipped. */
    public boolean isIdentity() {
        return kind == Kind.NONE;
    }

    /** The number of features this scaling was fitted on. */
    public int featureCount() {
        return offset.length;
    }

    /** Whether a zero feature stays zero (every offset is 0: none and divide:C), so sparse rows stay sparse. */
    public boolean keepsZeros() {
        for (double o : offset) {
            if (o != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** Feature i (0-based) of value x, scaled. */
    public double scale(int i, double x) {
        return (x - offset[i]) * factor[i];
    }

    /** Scales {@code features} (one example) into {@code into} at {@code intoOffset}. */
    public void applyInto(double[] features, double[] into, int intoOffset) {
        for (int i = 0; i < features.length; i++) {
            into[intoOffset + i] = (features[i] - offset[i]) * factor[i];
        }
    }
}
