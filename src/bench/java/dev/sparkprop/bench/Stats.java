package dev.sparkprop.bench;

import java.util.Arrays;

/** Small numeric helpers of the benchmark: medians of timings and rounding for the report. */
final class Stats {

    private Stats() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The arithmetic mean; NaN when empty. */
    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** {@code value} rounded to {@code digits} decimals; non-finite values pass through. */
    static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
