package dev.sparkprop.nn;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Activation functions g of the hidden layers, a = g(z): the notes' functions and the ReLU
 * generalizations they list (abs, maxout, leaky ReLU with its slope α), and the threshold unit of
 * their hand-set networks.
 *
 * <p>Backpropagation needs g'(z). Most functions here have a derivative that can be written from
 * their own output a = g(z), as the notes do for the sigmoid (g'(z) = a .* (1 - a)), so the
 * forward pass overwrites z with a and keeps a single buffer per layer. |z| cannot: a = |z| has
 * lost the sign of z, so an abs layer keeps z too ({@link #keepsWeightedInput()}), and so does
 * maxout, which must know which piece won:
 *
 * <pre>
 *   text           g(z)                                 g'(z)
 *   sigmoid        1 / (1 + e^-z)                       a (1 - a)
 *   tanh           tanh z                               1 - a^2
 *   relu           max(0, z)                            1 if a &gt; 0, else 0       (0 at the kink z = 0)
 *   leaky-relu:α   max(0, z) + α min(0, z), 0 &lt; α &lt; 1   1 if a &gt; 0, else α      (leaky-relu alone: α = 0.01)
 *   softplus       ln(1 + e^z)                          1 - e^-a  (= sigmoid(z))
 *   identity       z                                    1
 *   abs            |z|                                  sign(z), from the kept z   (0 at the kink z = 0)
 *   maxout:K       max(z_1, ..., z_K) over K pieces     1 for the first largest piece, 0 for the others
 *   step           1 if z &gt;= 0, else 0                 none: 0 wherever it exists (refused by backpropagation)
 * </pre>
 *
 * <p>A maxout unit has K linear pieces, each with its own weights and bias: the layer's z^(l) has
 * K s_l values (K rows of Θ^(l-1) per unit, see {@link NetworkSpec}) and a_i is the largest of unit
 * i's pieces. The step is the McCulloch-Pitts threshold unit of the notes; networks with step
 * hidden units can be set by hand, evaluated and explained, but not trained.
 *
 * <p>An activation is an immutable value: the function, with its slope α or piece count K.
 */
public final class Activation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The families of the table above; the parameter (α, K) lives in the {@link Activation}. */
    public enum Kind {
        SIGMOID("sigmoid"), TANH("tanh"), RELU("relu"), LEAKY_RELU("leaky-relu"), SOFTPLUS("softplus"),
        IDENTITY("identity"), ABS("abs"), MAXOUT("maxout"), STEP("step");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in network specs, without a parameter. */
        public String label() {
            return label;
        }
    }

    /** Leaky ReLU's slope α for negative z when the spec says {@code leaky-relu} alone. */
    public static final double LEAK = 0.01;

    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0.0, 1);
    public static final Activation TANH = new Activation(Kind.TANH, 0.0, 1);
    public static final Activation RELU = new Activation(Kind.RELU, 0.0, 1);
    /** Leaky ReLU with the default slope {@link #LEAK}, written {@code leaky-relu}. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, LEAK, 1);
    public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0.0, 1);
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0.0, 1);
    public static final Activation ABS = new Activation(Kind.ABS, 0.0, 1);
    /** The threshold unit: 1 if z >= 0, else 0. */
    public static final Activation STEP = new Activation(Kind.STEP, 0.0, 1);

    private final Kind kind;
    /** α of leaky ReLU; 0 for every other kind. */
    private final double slope;
    /** K of maxout; 1 for every other kind. */
    private final int pieces;

    private Activation(Kind kind, double slope, int pieces) {
        this.kind = kind;
        this.slope = slope;
        this.pieces = pieces;
    }

    /** Leaky ReLU with slope α for negative z; α must lie in (0, 1) so that a &gt; 0 exactly when z &gt; 0. */
    public static Activation leakyRelu(double slope) {
        if (!(slope > 0.0 && slope < 1.0)) {
            throw new IllegalArgumentException("leaky-relu slope " + slope + " must lie between 0 and 1"
                    + " (0 is relu; e.g. leaky-relu:0.1)");
        }
        return slope == LEAK ? LEAKY_RELU : new Activation(Kind.LEAKY_RELU, slope, 1);
    }

    /** The most pieces a maxout unit may have: each piece is a row of weights. */
    public static final int MAX_PIECES = 64;

    /** Maxout with 2 &lt;= K &lt;= {@link #MAX_PIECES} linear pieces per unit. */
    public static Activation maxout(int pieces) {
        if (pieces < 2 || pieces > MAX_PIECES) {
            throw new IllegalArgumentException(piecesRule(Integer.toString(pieces)));
        }
        return new Activation(Kind.MAXOUT, 0.0, pieces);
    }

    /** The plain activations, one per kind, with leaky ReLU's default slope and maxout with 2 pieces. */
    public static List<Activation> oneOfEachKind() {
        return List.of(SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, IDENTITY, ABS, maxout(2), STEP);
    }

    /** The family. */
    public Kind kind() {
        return kind;
    }

    /** K: the linear pieces per unit, and so the rows of Θ^(l-1) per unit. 1 but for maxout. */
    public int pieces() {
        return pieces;
    }

    /** α of leaky ReLU (0 for the other kinds). */
    public double slope() {
        return slope;
    }

    /** Whether backpropagation can pass errors through this function: every kind but the step. */
    public boolean hasDerivative() {
        return kind != Kind.STEP;
    }

    /**
     * Whether a layer of this function must keep z beside a for the backward pass: abs (g'(z) is
     * sign(z), which |z| lost) and maxout (which piece won). The others overwrite z with a.
     */
    public boolean keepsWeightedInput() {
        return kind == Kind.ABS || kind == Kind.MAXOUT;
    }

    /** g(z) of one value; maxout, a function of K values, has {@link #maxInto} instead. */
    public double apply(double z) {
        return switch (kind) {
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> z > 0.0 ? z : 0.0;
            case LEAKY_RELU -> z > 0.0 ? z : slope * z;
            // ln(1 + e^z) without overflow for large z.
            case SOFTPLUS -> Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
            case IDENTITY -> z;
            case ABS -> Math.abs(z);
            case STEP -> z >= 0.0 ? 1.0 : 0.0;
            case MAXOUT -> throw new IllegalStateException("maxout takes the largest of K pieces, not a"
                    + " function of one z");
        };
    }

    /** g'(z), written through a = g(z); for the kinds that do not {@link #keepsWeightedInput()}. */
    public double derivativeFromOutput(double a) {
        return switch (kind) {
            case SIGMOID -> a * (1.0 - a);
            case TANH -> 1.0 - a * a;
            case RELU -> a > 0.0 ? 1.0 : 0.0;
            case LEAKY_RELU -> a > 0.0 ? 1.0 : slope;
            case SOFTPLUS -> -Math.expm1(-a);
            case IDENTITY -> 1.0;
            case ABS, MAXOUT -> throw new IllegalStateException(label() + " needs z for its derivative");
            case STEP -> throw new IllegalStateException(noDerivative());
        };
    }

    /** g'(z) from z itself, for every kind with one value per unit and a derivative. */
    public double derivativeAt(double z) {
        return switch (kind) {
            case ABS -> Math.signum(z);
            case MAXOUT -> throw new IllegalStateException("maxout's derivative depends on all K pieces");
            case STEP -> throw new IllegalStateException(noDerivative());
            default -> derivativeFromOutput(apply(z));
        };
    }

    /** Why a step layer cannot be trained, in one line. */
    static String noDerivative() {
        return "backpropagation needs a derivative, and a step has none (g'(z) = 0 wherever it exists)";
    }

    /** The text of network specs: {@code relu}, {@code leaky-relu}, {@code leaky-relu:0.1}, {@code maxout:2}. */
    public String label() {
        if (kind == Kind.MAXOUT) {
            return kind.label + ":" + pieces;
        }
        // Plain digits, never 1.0E-4: a '-' before a digit separates layers in a spec.
        return kind == Kind.LEAKY_RELU && slope != LEAK
                ? kind.label + ":" + BigDecimal.valueOf(slope).stripTrailingZeros().toPlainString() : kind.label;
    }

    /** Replaces every element of a {@code rows x cols} block by g of itself; see {@link ActivationBlocks#applyInPlace}. */
    public void applyInPlace(double[] values, int offset, int rows, int cols, int ld) {
        ActivationBlocks.applyInPlace(this, values, offset, rows, cols, ld);
    }

    /** a := g(z) for a layer that keeps z; see {@link ActivationBlocks#applyInto}. */
    public void applyInto(double[] z, int units, int cols, double[] activations, int activationOffset, int ld) {
        ActivationBlocks.applyInto(this, z, units, cols, activations, activationOffset, ld);
    }

    /** δ^(l) := δ^(l) .* g'(z^(l)) from the activations; see {@link ActivationBlocks#multiplyByDerivative}. */
    public void multiplyByDerivative(double[] errors, double[] activations, int activationOffset,
                                     int rows, int cols, int ld) {
        ActivationBlocks.multiplyByDerivative(this, errors, activations, activationOffset, rows, cols, ld);
    }

    /** δ^(l) from ∂J/∂a^(l) for a layer that keeps z; see {@link ActivationBlocks#errorsFromWeightedInput}. */
    public void errorsFromWeightedInput(double[] activationErrors, double[] z, int units, int cols,
                                        double[] errors) {
        ActivationBlocks.errorsFromWeightedInput(this, activationErrors, z, units, cols, errors);
    }

    /**
     * The activation written {@code text} (case-insensitive): a name of the class table, with
     * leaky ReLU's slope or maxout's piece count after a colon ({@code leaky-relu:0.1},
     * {@code maxout:2}). Errors quote the text and list the names.
     */
    public static Activation parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        int colon = wanted.indexOf(':');
        String name = colon < 0 ? wanted : wanted.substring(0, colon);
        String parameter = colon < 0 ? null : wanted.substring(colon + 1).trim();
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown activation '" + text + "'; choose one of "
                        + Arrays.stream(Kind.values()).map(Activation::choice).collect(Collectors.joining(", "))));
        return switch (kind) {
            case LEAKY_RELU -> parameter == null ? LEAKY_RELU : leakyRelu(number(text, parameter, "slope"));
            case MAXOUT -> {
                if (parameter == null) {
                    throw new IllegalArgumentException("maxout needs its piece count, e.g. maxout:2");
                }
                double count = number(text, parameter, "piece count");
                if (count < 2 || count > MAX_PIECES) {
                    throw new IllegalArgumentException(piecesRule(parameter));
                }
                yield maxout((int) count);
            }
            default -> {
                if (parameter != null) {
                    throw new IllegalArgumentException("activation '" + text + "': " + name
                            + " takes no parameter (only leaky-relu:SLOPE and maxout:K do)");
                }
                yield oneOfEachKind().stream().filter(a -> a.kind == kind).findFirst().orElseThrow();
            }
        };
    }

    private static String piecesRule(String pieces) {
        return "maxout:" + pieces + " asks for " + pieces + " pieces per unit; maxout takes 2.." + MAX_PIECES
                + " (e.g. maxout:2)";
    }

    private static String choice(Kind kind) {
        return switch (kind) {
            case LEAKY_RELU -> "leaky-relu[:SLOPE]";
            case MAXOUT -> "maxout:K";
            default -> kind.label;
        };
    }

    private static double number(String text, String parameter, String what) {
        try {
            double value = Double.parseDouble(parameter);
            if (what.equals("piece count") && value != Math.rint(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("activation '" + text + "': the " + what + " '" + parameter
                    + "' is not a " + (what.equals("slope") ? "number" : "whole number"), e);
        }
    }

    /** Equal when the kind and its parameter are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Activation that && kind == that.kind
                && Double.compare(slope, that.slope) == 0 && pieces == that.pieces;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, slope, pieces);
    }

    /** The {@link #label()}. */
    @Override
    public String toString() {
        return label();
    }
}
