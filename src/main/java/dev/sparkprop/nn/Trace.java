package dev.sparkprop.nn;

/**
 * Every number forward and backward propagation compute for one example, by the notes' names,
 * so a lab can check them by hand: z^(l) and a^(l) for every layer, and with a target the
 * errors δ^(l), the gradient contributions Δ^(l) = δ^(l+1) (a^(l))ᵀ and the cost J_1.
 * For a batch-normalized layer also μ, σ², x̂, γ, β ({@link Normalization}). Made by
 * {@link Backprop#trace}; vectors and matrices are copies the caller may keep.
 *
 * <p>A maxout:K layer has K values of z (and of δ) per unit, unit i's pieces adjacent at
 * (i-1) K .. i K - 1; its a has one value per unit, the largest piece. Every other layer has
 * one of each per unit.
 */
public final class Trace {

    /**
     * What a batch-normalized layer l did to one example in evaluation mode (its u = γ x̂ + β
     * then goes through g): every vector s_l values.
     *
     * @param mean μ used: the running mean μ̄^(l)
     * @param variance σ² used: the running variance σ̄²^(l)
     * @param normalized x̂ = (z - μ) / √(σ² + ε)
     * @param gamma γ^(l)
     * @param beta β^(l)
     * @param gammaGradient this example's ∂J_1/∂γ^(l) = δu .* x̂, or null without a target
     * @param betaGradient this example's ∂J_1/∂β^(l) = δu, or null without a target
     */
    public record Normalization(double[] mean, double[] variance, double[] normalized, double[] gamma,
                                double[] beta, double[] gammaGradient, double[] betaGradient) {
    }

    private final NetworkSpec spec;
    /** z[l], l = 2..L: pieces(l) s_l values. */
    private final double[][] z;
    /** a[l], l = 1..L: s_l values, bias unit left out. */
    private final double[][] a;
    /** errors[l] = δ^(l), l = 2..L: pieces(l) s_l values; or null without a target. */
    private final double[][] errors;
    /** accumulators[l] = Δ^(l), l = 1..L-1: r_l rows of s_l + 1 values, bias first; null without a target. */
    private final double[][][] accumulators;
    private final double cost;
    /** normalizations[l] for batch-normalized layers l, else null. */
    private final Normalization[] normalizations;

    Trace(NetworkSpec spec, double[][] z, double[][] a, Normalization[] normalizations, double[][] errors,
          double[][][] accumulators, double cost) {
        this.spec = spec;
        this.normalizations = normalizations;
        this.z = z;
        this.a = a;
        this.errors = errors;
        this.accumulators = accumulators;
        this.cost = cost;
    }

    /** The network traced. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Whether a target was given, so that δ, Δ and the cost exist. */
    public boolean hasTarget() {
        return errors != null;
    }

    /** z^(l) = Θ^(l-1) a^(l-1) for l = 2..L: s_l values (K s_l for a maxout:K layer, see the class doc). */
    public double[] z(int l) {
        check(l, 2, spec.layerCount(), "z");
        return z[l].clone();
    }

    /** What batch-normalized layer l did to the example; fails for a layer without normalization. */
    public Normalization normalization(int l) {
        if (!spec.normalized(l)) {
            throw new IllegalArgumentException("layer " + l + " of " + spec + " is not batch-normalized");
        }
        return normalizations[l];
    }

    /** a^(l) for l = 1..L, without the bias unit a_0^(l) = 1: s_l values (a^(L) = h_Θ(x)). */
    public double[] activation(int l) {
        check(l, 1, spec.layerCount(), "a");
        return a[l].clone();
    }

    /**
     * δ^(l) = ∂J_1/∂z^(l) for l = 2..L: s_l values (K s_l for a maxout:K layer: 0 but for each unit's
     * winning piece).
     */
    public double[] error(int l) {
        requireTarget();
        check(l, 2, spec.layerCount(), "δ");
        return errors[l].clone();
    }

    /**
     * This example's accumulator Δ^(l) = δ^(l+1) (a^(l))ᵀ for l = 1..L-1 (what it adds into a
     * {@link GradientSum}): r_l = {@code spec().thetaRows(l)} rows of s_l + 1 values, column 0 the bias.
     */
    public double[][] accumulator(int l) {
        requireTarget();
        check(l, 1, spec.layerCount() - 1, "Δ");
        double[][] copy = new double[accumulators[l].length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = accumulators[l][i].clone();
        }
        return copy;
    }

    /** J_1, this example's cost, unregularized. */
    public double cost() {
        requireTarget();
        return cost;
    }

    private void requireTarget() {
        if (errors == null) {
            throw new IllegalStateException("traced without a target: no δ, Δ or cost");
        }
    }

    private static void check(int l, int first, int last, String name) {
        if (l < first || l > last) {
            throw new IllegalArgumentException(name + "^(" + l + ") does not exist; it is defined for layers "
                    + first + ".." + last);
        }
    }
}
