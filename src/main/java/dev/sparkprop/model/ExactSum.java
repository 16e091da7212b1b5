package dev.sparkprop.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of doubles that does not depend on the order or the grouping of its terms: it keeps the
 * exact sum as non-overlapping partials (Shewchuk's algorithm, as Python's {@code math.fsum}) and
 * rounds once, correctly, when read. Two partial sums merge exactly, so a sum over a file comes
 * out the same bits however Spark splits the file into partitions and in whatever order the
 * partitions are merged. Non-finite terms are summed apart, with plain double semantics.
 */
final class ExactSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Non-overlapping, increasing in magnitude; {@code size} of them in use. */
    private double[] partials = new double[4];
    private int size;
    private double nonFinite;

    /** Adds x exactly. */
    void add(double x) {
        if (!Double.isFinite(x)) {
            nonFinite += x;
            return;
        }
        int kept = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double swap = x;
                x = y;
                y = swap;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, 2 * kept);
        }
        partials[kept] = x;
        size = kept + 1;
    }

    /** Adds every term of {@code other} exactly. */
    void add(ExactSum other) {
        for (int j = 0; j < other.size; j++) {
            add(other.partials[j]);
        }
        nonFinite += other.nonFinite;
    }

    /** The exact sum rounded to the nearest double (ties to even), as {@code math.fsum} rounds it. */
    double value() {
        if (nonFinite != 0.0 || Double.isNaN(nonFinite)) {
            return nonFinite;
        }
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // Half-way cases: round-half-even of hi + lo may need the next partial's sign to settle.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }
}
