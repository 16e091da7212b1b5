package dev.sparkprop.data;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Small labelled data sets made by rule, for the labs on what networks can represent. Each
 * label is computed from its row's features, so it is right by construction; the random ones
 * draw their points from one {@link SplittableRandom} seeded with {@code seed}, so the same
 * seed gives the same file, byte for byte.
 *
 * <pre>
 *   parity   all 2^N rows of N bits x_i in {0,1}; label x_1 XOR ... XOR x_N (1 when the count of ones is odd)
 *   circle   points uniform in [-1,1]^2; label 1 inside the circle of radius {@value #CIRCLE_RADIUS}
 *   polygon  the same points; label 1 inside the regular pentagon of circumradius {@value #POLYGON_RADIUS}
 *   ring     the same points; label 1 for {@value #RING_INNER} <= |x| <= {@value #RING_OUTER}
 *   sine     x uniform in [-pi, pi]; label sin(x) plus N(0, noise^2) noise (a regression target)
 * </pre>
 *
 * A {@link Table} is written as the CSV the trainer reads: a header {@code label,x1,x2,...},
 * then one row per example, the label first.
 */
public final class SyntheticData {

    public static final double CIRCLE_RADIUS = 0.6;
    public static final double POLYGON_RADIUS = 0.8;
    public static final double RING_INNER = 0.4;
    public static final double RING_OUTER = 0.8;
    /** Parity tables above this many bits would be too large for a lab: 2^16 rows. */
    public static final int MAX_BITS = 16;
    /** Corners of the polygon. */
    private static final int POLYGON_CORNERS = 5;

    /**
     * Rows of examples, the label first in each.
     *
     * @param features the feature names, e.g. x1, x2
     * @param rows one array per example: {label, feature 1, ..., feature n}
     */
    public record Table(List<String> features, List<double[]> rows) {

        public Table {
            features = List.copyOf(features);
            rows = List.copyOf(rows);
        }

        /**
         * Writes the table as CSV: header {@code label,FEATURES...}, then the rows; whole numbers
         * (bits, classes) without a decimal point, others with six decimals.
         */
        public void writeCsv(Writer out) throws IOException {
            out.write("label," + String.join(",", features) + "\n");
            StringBuilder line = new StringBuilder();
            for (double[] row : rows) {
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    line.append(j == 0 ? "" : ",").append(number(row[j]));
                }
                out.write(line.append('\n').toString());
            }
        }

        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.6f", value);
        }
    }

    private SyntheticData() {
    }

    /** The whole truth table of N-bit parity, rows in binary counting order (x_1 the most significant bit). */
    public static Table parity(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("--bits " + bits + ": choose 1.." + MAX_BITS);
        }
        List<double[]> rows = new ArrayList<>(1 << bits);
        for (int n = 0; n < 1 << bits; n++) {
            double[] row = new double[bits + 1];
            for (int i = 0; i < bits; i++) {
                row[i + 1] = (n >> (bits - 1 - i)) & 1;
            }
            row[0] = Integer.bitCount(n) % 2;
            rows.add(row);
        }
        return new Table(names(bits), rows);
    }

    /** {@code count} points uniform in the square [-1,1]^2, labelled 1 inside the circle. */
    public static Table circle(int count, long seed) {
        return plane(count, seed, (x, y) -> Math.hypot(x, y) <= CIRCLE_RADIUS);
    }

    /** {@code count} points uniform in [-1,1]^2, labelled 1 inside the regular pentagon. */
    public static Table polygon(int count, long seed) {
        return plane(count, seed, SyntheticData::insidePentagon);
    }

    /** {@code count} points uniform in [-1,1]^2, labelled 1 in the ring between the two circles. */
    public static Table ring(int count, long seed) {
        return plane(count, seed, (x, y) -> {
            double r = Math.hypot(x, y);
            return r >= RING_INNER && r <= RING_OUTER;
        });
    }

    /** {@code count} points x uniform in [-π, π], sorted, with target sin(x) + N(0, noise²). */
    public static Table sine(int count, double noise, long seed) {
        checkCount(count);
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise " + noise + ": the noise's standard deviation must be >= 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] xs = new double[count];
        for (int n = 0; n < count; n++) {
            xs[n] = random.nextDouble(-Math.PI, Math.PI);
        }
        Arrays.sort(xs);
        List<double[]> rows = new ArrayList<>(count);
        for (double x : xs) {
            rows.add(new double[] {Math.sin(x) + noise * gaussian(random), x});
        }
        return new Table(List.of("x"), rows);
    }

    /**
     * Whether (x, y) lies inside the regular pentagon of circumradius {@link #POLYGON_RADIUS}
     * centred at 0, one corner straight up: on the inner side of each of its five edges.
     */
    static boolean insidePentagon(double x, double y) {
        for (int k = 0; k < POLYGON_CORNERS; k++) {
            double a0 = Math.PI / 2 + 2 * Math.PI * k / POLYGON_CORNERS;
            double a1 = Math.PI / 2 + 2 * Math.PI * (k + 1) / POLYGON_CORNERS;
            double x0 = POLYGON_RADIUS * Math.cos(a0);
            double y0 = POLYGON_RADIUS * Math.sin(a0);
            double x1 = POLYGON_RADIUS * Math.cos(a1);
            double y1 = POLYGON_RADIUS * Math.sin(a1);
            // Corners run anticlockwise, so the inside is to the left of each edge: cross product >= 0.
            if ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A rule that says which points of the plane are class 1. */
    private interface Region {
        boolean contains(double x, double y);
    }

    private static Table plane(int count, long seed, Region region) {
        checkCount(count);
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double x = random.nextDouble(-1, 1);
            double y = random.nextDouble(-1, 1);
            rows.add(new double[] {region.contains(x, y) ? 1 : 0, x, y});
        }
        return new Table(names(2), rows);
    }

    /** A standard normal draw (Box–Muller), from {@code random} alone so the seed fixes it. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]: the logarithm stays finite
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void checkCount(int count) {
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("--rows " + count + ": choose 1..1000000");
        }
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("x" + i);
        }
        return names;
    }
}
