package dev.sparkprop.nn;

import dev.sparkprop.linalg.Blas;
import java.util.Arrays;

/**
 * Batch normalization of one hidden layer l (Ioffe and Szegedy, 2015), marked {@code :bn} in a
 * network spec: the weighted inputs z^(l) of each unit are normalized over a block of m examples
 * before the activation,
 *
 * <pre>
 *   μ_i   = (1/m) Σ_c z_ic                      σ²_i = (1/m) Σ_c (z_ic - μ_i)²
 *   x̂_ic  = (z_ic - μ_i) / √(σ²_i + ε)          u_ic = γ_i x̂_ic + β_i          a_ic = g(u_ic)
 * </pre>
 *
 * with ε = {@value #EPSILON} and γ^(l), β^(l) learned ({@link NetworkSpec} draws where they sit in
 * θ). Backward, with δu = ∂J/∂u (what the layer's ordinary error step yields, since a = g(u)):
 *
 * <pre>
 *   ∂J/∂β_i = Σ_c δu_ic          ∂J/∂γ_i = Σ_c δu_ic x̂_ic
 *   δ_ic    = γ_i / √(σ²_i + ε) · (δu_ic - (∂J/∂β_i + x̂_ic ∂J/∂γ_i) / m)
 * </pre>
 *
 * the last line because μ and σ² depend on every example of the block: the examples' errors are
 * coupled. That is training mode. In evaluation mode (prediction, scoring, validation, {@code
 * explain}) μ and σ² are the running mean μ̄^(l) and variance σ̄²^(l) stored in θ, constants, so
 * the layer is an affine map per unit and δ_ic = γ_i / √(σ̄²_i + ε) · δu_ic.
 *
 * <p><b>Which examples form a block.</b> Training normalizes each block a task's {@link Backprop}
 * walks: a Spark task's slice of the minibatch, cut into blocks of at most {@code block-size}
 * examples. The statistics are never synchronized between tasks, as in data-parallel frameworks
 * without synchronized batch norm (PyTorch's {@code DistributedDataParallel} with a plain
 * {@code BatchNorm}): with P partitions each slice is normalized by its own statistics, so the
 * gradient of one step depends on P (and on the block size when a slice exceeds it).
 *
 * <p><b>Running statistics.</b> Each task adds its blocks' Σz and Σz² per unit into its
 * {@link GradientSum}'s statistics, summed like Δ in the fixed order of the gradient tree, so a
 * run repeats to the bit. After each step the training loop calls {@link #updateRunningStatistics}:
 * with n examples in the step, μ_B = Σz/n, σ²_B = (Σz²/n - μ_B²) n/(n-1), and
 * μ̄ := {@value #MOMENTUM} μ̄ + (1 - {@value #MOMENTUM}) μ_B, likewise σ̄² (Keras' and PyTorch's
 * default decay; a fixed constant, not a config key, since the lab and the tests need no other).
 * They start at μ̄ = 0, σ̄² = 1, γ = 1, β = 0 ({@link #initializeInto}).
 *
 * <p>An instance is the layer's workspace inside a {@link Backprop}: x̂ of the last forward pass
 * and the per-unit vectors, allocated once; no allocation per call. Not thread-safe. This file is
 * also the template of {@code FloatBatchNorm}, the workspace of the single-precision kernel (see
 * {@link Backprop} for the rules; the {@code (double)} casts are where float rounds). The static
 * methods, which work on the driver's double θ, are the double file's only.
 */
public final class BatchNorm {

    /** The mark after a hidden layer's activation in a network spec. */
    public static final String MARK = ":bn";
    /** ε, added to σ² so a unit that is constant over a block divides by √ε, not 0. */
    public static final double EPSILON = 1e-5;
    /** The running averages' decay. */
    public static final double MOMENTUM = 0.9;
    /** The names of the four vectors of a normalization block in θ, in order. */
    static final String[] VECTOR_NAMES = {"γ", "β", "μ̄", "σ̄²"};

    private final NetworkSpec spec;
    private final int layer;
    private final int units;
    /** x̂ of the last forward pass: s_l x capacity. */
    private final double[] normalized;
    /** μ and σ² the last forward pass used (the block's, or the running ones): s_l each. */
    private final double[] mean;
    private final double[] variance;
    /** 1 / √(σ² + ε): s_l. */
    private final double[] inverseDeviation;
    /** ∂J/∂β and ∂J/∂γ of the last backward pass (Σz of the last forward pass before that): s_l each. */
    private final double[] betaSums;
    private final double[] gammaSums;
    /** A column of ones, capacity x 1: row sums of a block are one GEMM with it. */
    private final double[] ones;

    /** The workspace of normalized layer l for blocks of up to {@code capacity} examples. */
    BatchNorm(NetworkSpec spec, int l, int capacity) {
        this.spec = spec;
        this.layer = l;
        this.units = spec.units(l);
        spec.gammaOffset(l); // checks that l is normalized
        normalized = new double[units * capacity];
        mean = new double[units];
        variance = new double[units];
        inverseDeviation = new double[units];
        betaSums = new double[units];
        gammaSums = new double[units];
        ones = new double[capacity];
        Arrays.fill(ones, 1);
    }

    // #if[double]
    /** Whether an activation text from a spec ends with the mark (or is the bare {@code bn}). */
    public static boolean isMarked(String activation) {
        return activation != null && (activation.equals(MARK.substring(1)) || activation.endsWith(MARK));
    }

    /** The activation text without the mark; null for the bare {@code bn} (the default sigmoid). */
    public static String withoutMark(String activation) {
        return activation.equals(MARK.substring(1)) ? null
                : activation.substring(0, activation.length() - MARK.length());
    }

    /**
     * Sets every normalization block of θ to its start, γ = 1, β = 0, μ̄ = 0, σ̄² = 1, and the
     * bias column of each Θ^(l-1) that feeds a normalized layer l to 0 (β stands in for it).
     */
    public static void initializeInto(NetworkSpec spec, double[] theta) {
        for (int l : spec.normalizedLayerNumbers()) {
            int s = spec.units(l);
            Arrays.fill(theta, spec.gammaOffset(l), spec.gammaOffset(l) + s, 1.0);
            Arrays.fill(theta, spec.betaOffset(l), spec.betaOffset(l) + s, 0.0);
            Arrays.fill(theta, spec.runningMeanOffset(l), spec.runningMeanOffset(l) + s, 0.0);
            Arrays.fill(theta, spec.runningVarianceOffset(l), spec.runningVarianceOffset(l) + s, 1.0);
            Arrays.fill(theta, spec.thetaOffset(l - 1), spec.weightOffset(l - 1), 0.0);
        }
    }

    /**
     * Moves the running mean and variance in θ towards one step's batch statistics (class doc):
     * {@code statistics} are the step's summed Σz, Σz² ({@link NetworkSpec#statisticsOffset}) over
     * {@code count} examples. Writes only the μ̄ and σ̄² entries of {@code theta}.
     */
    public static void updateRunningStatistics(NetworkSpec spec, double[] statistics, long count, double[] theta) {
        if (count < 1 || statistics == null) {
            throw new IllegalArgumentException("running statistics need a step of >= 1 example; got " + count);
        }
        double n = count;
        double unbiased = count > 1 ? n / (n - 1) : 1.0;
        for (int l : spec.normalizedLayerNumbers()) {
            int s = spec.units(l);
            int sums = spec.statisticsOffset(l);
            for (int i = 0; i < s; i++) {
                double batchMean = statistics[sums + i] / n;
                double batchVariance = Math.max(0.0, statistics[sums + s + i] / n - batchMean * batchMean) * unbiased;
                int meanAt = spec.runningMeanOffset(l) + i;
                int varianceAt = spec.runningVarianceOffset(l) + i;
                theta[meanAt] = MOMENTUM * theta[meanAt] + (1.0 - MOMENTUM) * batchMean;
                theta[varianceAt] = MOMENTUM * theta[varianceAt] + (1.0 - MOMENTUM) * batchVariance;
            }
        }
    }

    // #end[double]

    /**
     * Normalizes the block Z (s_l x m at {@code offset}, leading dimension {@code ld}) in place into
     * U = γ x̂ + β, keeping x̂. With {@code batch} (training) μ and σ² are the block's and, when
     * {@code statistics} is not null, the block's Σz and Σz² are added into it; otherwise they are
     * θ's running μ̄ and σ̄². Mutates Z, this workspace and {@code statistics}.
     */
    void forward(double[] theta, double[] z, int offset, int ld, int m, boolean batch, double[] statistics) {
        int gamma = spec.gammaOffset(layer);
        int beta = spec.betaOffset(layer);
        if (batch) {
            // 1. x̂ := Z, packed (leading dimension s_l, without A's bias row); Σ_c z_ic = x̂ 1, one GEMM; μ = that / m.
            for (int c = 0; c < m; c++) {
                System.arraycopy(z, offset + c * ld, normalized, c * units, units);
            }
            Blas.gemm(false, false, units, 1, m, 1.0, normalized, 0, units, ones, 0, Math.max(1, m), 0.0, betaSums, 0,
                    units);
            for (int i = 0; i < units; i++) {
                mean[i] = betaSums[i] / m;
            }
            // 2. x̂ := x̂ - μ 1ᵀ (centred; scaled in step 4), σ² = (1/m) Σ_c x̂² (two passes: no cancellation).
            Arrays.fill(variance, 0);
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < units; i++) {
                    double centred = normalized[c * units + i] - mean[i];
                    normalized[c * units + i] = (double) centred;
                    variance[i] += centred * centred;
                }
            }
            for (int i = 0; i < units; i++) {
                if (statistics != null) {
                    int sums = spec.statisticsOffset(layer);
                    statistics[sums + i] += betaSums[i];                                // Σz
                    statistics[sums + units + i] += variance[i] + betaSums[i] * mean[i]; // Σz² = Σ(z-μ)² + mμ²
                }
                variance[i] /= m;
            }
        } else {
            // 1-2. The running statistics; x̂ := Z - μ̄ 1ᵀ.
            System.arraycopy(theta, spec.runningMeanOffset(layer), mean, 0, units);
            System.arraycopy(theta, spec.runningVarianceOffset(layer), variance, 0, units);
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < units; i++) {
                    normalized[c * units + i] = z[offset + c * ld + i] - mean[i];
                }
            }
        }
        // 3. 1 / √(σ² + ε).
        for (int i = 0; i < units; i++) {
            inverseDeviation[i] = (double) (1.0 / Math.sqrt(variance[i] + EPSILON));
        }
        // 4. x̂ := x̂ / √(σ² + ε); U = γ x̂ + β written over Z.
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < units; i++) {
                double xHat = normalized[c * units + i] * inverseDeviation[i];
                normalized[c * units + i] = (double) xHat;
                z[offset + c * ld + i] = (double) (theta[gamma + i] * xHat + theta[beta + i]);
            }
        }
    }

    /**
     * Turns δu (s_l x m, leading dimension s_l, the layer's error before normalization is undone)
     * into δ = ∂J/∂z in place, and adds ∂J/∂γ and ∂J/∂β of the block into {@code accumulators}
     * (θ's layout). {@code batch} must be the forward pass's. Mutates {@code delta}, this
     * workspace and {@code accumulators}.
     */
    void backward(double[] theta, double[] delta, int m, boolean batch, double[] accumulators) {
        int gamma = spec.gammaOffset(layer);
        // 1. ∂J/∂β = δu 1 (one GEMM), ∂J/∂γ = Σ_c δu .* x̂.
        Blas.gemm(false, false, units, 1, m, 1.0, delta, 0, units, ones, 0, Math.max(1, m), 0.0, betaSums, 0, units);
        Arrays.fill(gammaSums, 0);
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < units; i++) {
                gammaSums[i] += delta[c * units + i] * normalized[c * units + i];
            }
        }
        for (int i = 0; i < units; i++) {
            accumulators[gamma + i] += gammaSums[i];
            accumulators[spec.betaOffset(layer) + i] += betaSums[i];
        }
        // 2. δ = γ / √(σ² + ε) · (δu - (∂J/∂β + x̂ ∂J/∂γ) / m), or without the coupling term in evaluation mode.
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < units; i++) {
                int d = c * units + i;
                double coupled = batch ? (betaSums[i] + normalized[d] * gammaSums[i]) / m : 0.0;
                delta[d] = (double) (theta[gamma + i] * inverseDeviation[i] * (delta[d] - coupled));
            }
        }
    }

    /** μ the last forward pass used, for {@link Backprop#trace}: s_l values, a copy. */
    double[] mean() {
        return mean.clone();
    }

    /** σ² the last forward pass used: s_l values, a copy. */
    double[] variance() {
        return variance.clone();
    }

    /** x̂ of example {@code column} of the last forward pass: s_l values, a copy. */
    double[] normalized(int column) {
        return Arrays.copyOfRange(normalized, column * units, (column + 1) * units);
    }
}
