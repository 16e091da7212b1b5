package dev.sparkprop.nn;

import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How θ starts, seeded so a run repeats. The notes: initialize every Θ^(l)_ij to a random value
 * in [-ε, ε] to break the symmetry between hidden units; all zeros leaves the units of a layer
 * identical forever (kept here so that failure can be shown).
 *
 * <pre>
 *   scheme       Θ^(l)_ij drawn from                         text
 *   UNIFORM      U[-ε, ε], ε given (0.12 in the course)      uniform  or  uniform:0.12
 *   UNIFORM_FAN  U[-ε, ε], ε = √6 / √(s_l + s_{l+1})         uniform-fan
 *   XAVIER       N(0, 2 / (s_l + s_{l+1}))  (Glorot normal)  xavier
 *   HE           N(0, 2 / s_l)                               he
 *   ZEROS        0                                           zeros
 * </pre>
 *
 * Below a maxout:K layer each of Θ^(l)'s K s_{l+1} rows is one linear piece, itself a unit on
 * the s_l inputs: its fan-in is s_l, as for any unit, and every piece is drawn on its own, so
 * the pieces of a unit start apart. (fanOut stays s_{l+1}, the units the next layer sees.)
 *
 * @param scheme the distribution of the weights
 * @param epsilon ε for {@code UNIFORM}
 * @param bias null to draw the biases like the weights, or a constant for every bias (e.g. 0.1
 *     so ReLU units start active, as the notes suggest)
 */
public record Initialization(Scheme scheme, double epsilon, Double bias) implements Serializable {

    /** The distributions of the table above. */
    public enum Scheme { UNIFORM, UNIFORM_FAN, XAVIER, HE, ZEROS }

    /** ε = 0.12, as in the course exercise. */
    public static final double COURSE_EPSILON = 0.12;

    /** Validates ε and the bias constant. */
    public Initialization {
        if (scheme == Scheme.UNIFORM && !(epsilon > 0.0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("uniform initialization needs ε > 0; got " + epsilon);
        }
        if (bias != null && !Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias initialization must be finite; got " + bias);
        }
    }

    /** U[-0.12, 0.12] for every parameter, biases included: the course exercise. */
    public static Initialization course() {
        return new Initialization(Scheme.UNIFORM, COURSE_EPSILON, null);
    }

    /** The same scheme with every bias set to {@code value}. */
    public Initialization withBias(double value) {
        return new Initialization(scheme, epsilon, value);
    }

    /** Parses {@code uniform}, {@code uniform:0.05}, {@code uniform-fan}, {@code xavier}, {@code he}, {@code zeros}. */
    public static Initialization parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("uniform:")) {
            String value = name.substring("uniform:".length());
            try {
                return new Initialization(Scheme.UNIFORM, Double.parseDouble(value), null);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("initialization '" + text + "': ε '" + value
                        + "' is not a number", e);
            }
        }
        return switch (name) {
            case "uniform" -> course();
            case "uniform-fan" -> new Initialization(Scheme.UNIFORM_FAN, 0.0, null);
            case "xavier" -> new Initialization(Scheme.XAVIER, 0.0, null);
            case "he" -> new Initialization(Scheme.HE, 0.0, null);
            case "zeros" -> new Initialization(Scheme.ZEROS, 0.0, null);
            default -> throw new IllegalArgumentException("unknown initialization '" + text
                    + "'; choose one of uniform, uniform:EPSILON, uniform-fan, xavier, he, zeros");
        };
    }

    /**
     * A fresh θ for {@code spec}, drawn from {@code seed}: the same seed gives the same θ. The
     * batch-normalization blocks start at γ = 1, β = 0, μ̄ = 0, σ̄² = 1 ({@link BatchNorm#initializeInto}).
     */
    public double[] initialize(NetworkSpec spec, long seed) {
        double[] theta = new double[spec.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 1; l < spec.layerCount(); l++) {
            int fanIn = spec.units(l);
            int fanOut = spec.units(l + 1);
            for (int p = spec.thetaOffset(l); p < spec.thetaEnd(l); p++) {
                boolean isBias = p < spec.weightOffset(l);
                theta[p] = isBias && bias != null ? bias : draw(random, fanIn, fanOut);
            }
        }
        BatchNorm.initializeInto(spec, theta); // after the draws, so they do not depend on the marks
        return theta;
    }

    private double draw(SplittableRandom random, int fanIn, int fanOut) {
        return switch (scheme) {
            case UNIFORM -> (2.0 * random.nextDouble() - 1.0) * epsilon;
            case UNIFORM_FAN -> (2.0 * random.nextDouble() - 1.0) * Math.sqrt(6.0) / Math.sqrt(fanIn + fanOut);
            case XAVIER -> gaussian(random) * Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> gaussian(random) * Math.sqrt(2.0 / fanIn);
            case ZEROS -> 0.0;
        };
    }

    /** A standard normal draw (Box-Muller), so the sequence depends on the seed alone. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    @Override
    public String toString() {
        String text = switch (scheme) {
            case UNIFORM -> "uniform:" + epsilon;
            case UNIFORM_FAN -> "uniform-fan";
            case XAVIER -> "xavier";
            case HE -> "he";
            case ZEROS -> "zeros";
        };
        return bias == null ? text : text + " (bias " + bias + ")";
    }
}
