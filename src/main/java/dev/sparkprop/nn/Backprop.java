package dev.sparkprop.nn;

import dev.sparkprop.linalg.Blas;

/**
 * Forward and backward propagation on stacked blocks of examples: the kernel every trainer,
 * gradient checking and prediction run.
 *
 * <p>Notation (the notes'): for layer l, a^(l) is its activation with the bias unit a_0^(l) = 1
 * on top, z^(l+1) = Θ^(l) a^(l), a^(l+1) = g(z^(l+1)); δ^(l) is the error of layer l
 * ({@code errors} in the code) and Δ^(l) the gradient accumulator of Θ^(l) ({@code accumulators},
 * in θ's layout). For m examples side by side (one per column) each product is one GEMM per layer
 * per direction:
 *
 * <pre>
 *   forward   Z^(l+1)  = Θ^(l) A^(l)                       (s_{l+1} x m) = (s_{l+1} x (s_l+1)) ((s_l+1) x m)
 *             A^(l+1)  = g(Z^(l+1)), with a row of ones on top for l+1 &lt; L
 *   backward  δ^(L)    = a^(L) - y                         (matched output/cost pairs; see {@link Output})
 *             Δ^(l)   += δ^(l+1) (A^(l))ᵀ                  (s_{l+1} x (s_l+1)); column 0 sums δ (bias)
 *             δ^(l)    = (Θ^(l)_{:,1..})ᵀ δ^(l+1) .* g'(z^(l))   for l = L-1..2
 * </pre>
 *
 * <p>Two kinds of hidden layer keep Z^(l) in a buffer of its own ({@link
 * Activation#keepsWeightedInput()}): abs, whose g'(z) = sign(z) cannot be read from a = |z|, and
 * maxout:K, where z^(l) has K values per unit (Θ^(l-1) has K s_l rows, see {@link NetworkSpec}),
 * a_i is the largest of unit i's pieces, and δ^(l) (K s_l values: the error of each piece) is
 * ∂J/∂a_i = ((Θ^(l)_{:,1..})ᵀ δ^(l+1))_i for the winning piece and 0 for the others. For those
 * layers the backward GEMM writes ∂J/∂a^(l) into a buffer of its own and δ^(l) is made from it.
 * Step hidden units have no derivative: a network with them runs forward only.
 *
 * <p>A hidden layer marked for batch normalization normalizes Z^(l) before g ({@link BatchNorm}):
 * over the block in training passes ({@link #accumulateInto}, {@link #costSum}), with the running
 * statistics in θ in evaluation passes ({@link #predictInto}, {@link #trace}); its backward step
 * turns the error with respect to the normalized input back into δ^(l) = ∂J/∂z^(l).
 *
 * <p>The workspace (A^(l), δ^(l), the targets and the dropout masks for up to {@code capacity}
 * examples) is allocated once here and reused: no allocation per call. It is the only state an
 * instance keeps between calls; everything else a pass depends on (θ, the examples, the
 * {@link Dropout} of a training step) is an argument. Larger inputs are walked in chunks of
 * {@code capacity} columns. Z^(l+1) is written straight into A^(l+1) and activated in place, so a
 * layer costs one buffer. Not thread-safe: one instance per thread (per Spark task).
 *
 * <p><b>Single precision.</b> This file is also the template of {@code FloatBackprop}, the kernel
 * of {@code precision = float}: at build time (pom.xml, {@code generate-sources}) it is copied with
 * {@code double[]} read as {@code float[]}, this kernel's classes read as their {@code Float}
 * twins ({@link ActivationBlocks}, {@link OutputBlocks}, {@link BatchNorm}), the lines between
 * {@code // #if[double]} and {@code // #end[double]} left out and the lines marked {@code //f}
 * put in. So both precisions run one source: the float kernel takes a float copy of θ, keeps A,
 * δ, Y and the masks in float and multiplies with SGEMM; scalars (costs, g(z), g'(z)) are still
 * computed in double and rounded once where they are stored (the {@code (double)} casts). What
 * must stay exact stays double: each block's Δ and batch statistics are summed in float by its
 * GEMMs and then added, widened, into the partition's double {@link GradientSum} ({@link
 * FloatBlockSums}), so the sums across blocks and partitions, the division by m, Θ and the
 * optimizer state are the double path's. The float kernel trains only: prediction, {@link
 * #trace} and gradient checking ({@link #costSum}) stay in this double kernel.
 *
 * <p><b>Sparse input.</b> The double kernel made by {@code forSparseInput} reads A^(1)
 * from the examples' compressed sparse rows ({@link Examples#sparse}) in place, with no (s_1+1) x
 * capacity buffer: the first layer's Z^(2) = Θ^(1) A^(1) and Δ^(1) += δ^(2) (A^(1))ᵀ are loops
 * over the non-zeros ({@code SparseInput}); every later product is the GEMM above. The float
 * kernel has no sparse input ({@code precision = float} with {@code sparse} is refused).
 */
public final class Backprop {

    private final NetworkSpec spec;
    private final int capacity;
    /** activations[l] = A^(l), l = 1..L: (s_l + 1) x capacity with row 0 = 1 for l &lt; L; s_L x capacity for L. */
    private final double[][] activations;
    /** errors[l] = δ^(l), l = 2..L: (pieces_l s_l) x capacity, one row per row of Θ^(l-1). */
    private final double[][] errors;
    /** weightedInputs[l] = Z^(l), (pieces_l s_l) x capacity, for the hidden layers that keep it; else null. */
    private final double[][] weightedInputs;
    /** activationErrors[l] = ∂J/∂A^(l), s_l x capacity, for the hidden layers that keep Z^(l); else null. */
    private final double[][] activationErrors;
    /** Whether every hidden layer has a derivative (no step units), so backpropagation can run. */
    private final boolean differentiable;
    /** Y: K x capacity. */
    private final double[] targets;
    /**
     * masks[l]: s_l x capacity, 0 (dropped) or 1/(1 - rate) (kept), for hidden layers with dropout;
     * allocated on the first pass that drops units of layer l.
     */
    private final double[][] masks;
    /** normalizations[l]: the workspace of batch-normalized hidden layer l, else null. */
    private final BatchNorm[] normalizations;
    // #if[double]
    /** Whether A^(1) is read from compressed sparse rows in place ({@link #forSparseInput}). */
    private final boolean sparseInput;
    /** Sparse input: column c of the gathered chunk is example selected[c] of the examples. */
    private final int[] selected;
    /** Sparse input: the first layer's products and the chunk's values grouped by feature; else null. */
    private final SparseInput sparseLayer;
    // #end[double]
    //f /** Each block's Δ and batch statistics in float, before they are widened into the partition's double sums. */
    //f private final FloatBlockSums blockSums;

    /** Allocates the workspace for blocks of up to {@code capacity} examples. */
    public Backprop(NetworkSpec spec, int capacity) {
        this(spec, capacity, false);
    }

    // #if[double]
    /**
     * A workspace for examples stored as compressed sparse rows ({@link Examples#sparse}), blocks
     * of up to {@code capacity}: A^(1) is never expanded, so its memory is the examples' own
     * (proportional to their non-zeros), not s_1 x capacity doubles.
     */
    public static Backprop forSparseInput(NetworkSpec spec, int capacity) {
        return new Backprop(spec, capacity, true);
    }

    /** Whether this kernel reads sparse input ({@link #forSparseInput}). */
    public boolean readsSparseInput() {
        return sparseInput;
    }
    // #end[double]

    private Backprop(NetworkSpec spec, int capacity, boolean sparseInput) {
        if (capacity < 1) {
            throw new IllegalArgumentException("block capacity " + capacity + " must be >= 1");
        }
        this.spec = spec;
        this.capacity = capacity;
        int layers = spec.layerCount();
        activations = new double[layers + 1][];
        errors = new double[layers + 1][];
        weightedInputs = new double[layers + 1][];
        activationErrors = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            boolean output = l == layers;
            int rows = output ? spec.units(l) : spec.units(l) + 1;
            if (l == 1 && sparseInput) {
                continue; // A^(1) stays in the examples' compressed rows
            }
            activations[l] = new double[rows * capacity];
            if (!output) {
                for (int c = 0; c < capacity; c++) {
                    activations[l][c * rows] = 1; // the bias unit a_0^(l); GEMMs never write row 0
                }
            }
            if (l >= 2) {
                errors[l] = new double[spec.thetaRows(l - 1) * capacity];
            }
            if (!output && l >= 2 && spec.activation(l).keepsWeightedInput()) {
                weightedInputs[l] = new double[spec.thetaRows(l - 1) * capacity];
                activationErrors[l] = new double[spec.units(l) * capacity];
            }
        }
        differentiable = spec.hiddenActivations().stream().allMatch(Activation::hasDerivative);
        targets = new double[spec.outputSize() * capacity];
        masks = new double[layers + 1][];
        normalizations = new BatchNorm[layers + 1];
        for (int l : spec.normalizedLayerNumbers()) {
            normalizations[l] = new BatchNorm(spec, l, capacity);
        }
        //f blockSums = new FloatBlockSums(spec.parameterCount(), spec.statisticsCount());
        // #if[double]
        this.sparseInput = sparseInput;
        selected = sparseInput ? new int[capacity] : null;
        sparseLayer = sparseInput ? new SparseInput(spec.inputSize(), spec.thetaRows(1), capacity) : null;
        // #end[double]
    }

    /** The network this workspace was sized for. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The most examples one chunk holds. */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds the examples {@code order[from..to)} of {@code data} (or the columns {@code from..to)}
     * when {@code order} is null) into {@code sum}: their Δ^(l) into its Δ, their summed cost and
     * their count. Nothing is divided by m here.
     */
    public void accumulateInto(double[] theta, Examples data, int[] order, int from, int to,
                               GradientSum sum) {
        accumulateInto(theta, data, order, from, to, Dropout.NONE, sum);
    }

    /**
     * As {@link #accumulateInto(double[], Examples, int[], int, int, GradientSum)}, with
     * {@code dropout} applied to the hidden layers in the forward pass and to their errors in the
     * backward pass: the gradient of the thinned network. Batch-normalized layers normalize each
     * block of up to {@code capacity} examples by its own statistics and add the blocks' Σz, Σz²
     * into the sum's statistics.
     */
    public void accumulateInto(double[] theta, Examples data, int[] order, int from, int to, Dropout dropout,
                               GradientSum sum) {
        accumulateInto(theta, data, order, from, to, dropout, true, sum);
    }

    /** The training pass ({@code batch}) or the same pass with the running statistics (for {@link #trace}). */
    private void accumulateInto(double[] theta, Examples data, int[] order, int from, int to, Dropout dropout,
                                boolean batch, GradientSum sum) {
        if (!differentiable) {
            spec.checkDifferentiable();
        }
        checkInputs(theta, data, true);
        var accumulators = sum.accumulators(theta.length); // double in both precisions
        var statistics = batch && spec.hasNormalization() ? sum.statistics(spec.statisticsCount()) : null;
        double cost = 0.0;
        long correct = 0;
        for (int start = from; start < to; start += capacity) {
            int m = Math.min(capacity, to - start);
            gather(data, order, start, m, true, dropout);
            // #if[double]
            // Blocks add their sums straight into the partition's.
            double[] blockAccumulators = accumulators;
            double[] blockStatistics = statistics;
            // #end[double]
            //f float[] blockAccumulators = blockSums.clearedAccumulators();
            //f float[] blockStatistics = statistics == null ? null : blockSums.clearedStatistics();
            cost += forward(theta, m, true, dropout, batch, blockStatistics);
            if (spec.output().isClassification()) {
                correct += countCorrect(m);
            }
            backward(theta, m, dropout, batch, blockAccumulators);
            //f blockSums.addInto(accumulators, statistics);
        }
        sum.addExamples(cost, Math.max(0, to - from));
        sum.addCorrect(correct);
    }

    // #if[double]
    /**
     * Σ_i J_1 over the examples {@code order[from..to)} (or columns {@code from..to)}), unregularized:
     * the training pass's cost (batch statistics in normalized layers), for gradient checking.
     */
    public double costSum(double[] theta, Examples data, int[] order, int from, int to) {
        checkInputs(theta, data, true);
        double cost = 0.0;
        for (int start = from; start < to; start += capacity) {
            int m = Math.min(capacity, to - start);
            gather(data, order, start, m, true, Dropout.NONE);
            cost += forward(theta, m, true, Dropout.NONE, true, null);
        }
        return cost;
    }

    /**
     * Writes h_Θ(x) of columns {@code from..to)} of {@code data} into {@code outputs}, a
     * {@code K x (to - from)} column-major matrix starting at {@code outputOffset}. Returns the
     * summed cost Σ J_1 of those columns when {@code data} has targets, else 0. Evaluation mode:
     * batch-normalized layers use the running statistics in θ, so each column's output is its own.
     */
    public double predictInto(double[] theta, Examples data, int from, int to,
                              double[] outputs, int outputOffset) {
        boolean withTargets = data.hasTargets();
        checkInputs(theta, data, withTargets);
        int k = spec.outputSize();
        double cost = 0.0;
        for (int start = from; start < to; start += capacity) {
            int m = Math.min(capacity, to - start);
            gather(data, null, start, m, withTargets, Dropout.NONE);
            cost += forward(theta, m, withTargets, Dropout.NONE, false, null);
            System.arraycopy(activations[spec.layerCount()], 0, outputs,
                    outputOffset + (start - from) * k, m * k);
        }
        return cost;
    }

    /**
     * a^(l) of example {@code column} (0-based within the last chunk) from the last forward pass,
     * without the bias unit: s_l values. For labs and tests that look inside the network.
     */
    public double[] activation(int l, int column) {
        boolean output = l == spec.layerCount();
        int ld = output ? spec.units(l) : spec.units(l) + 1;
        int start = column * ld + (output ? 0 : 1);
        return java.util.Arrays.copyOfRange(activations[l], start, start + spec.units(l));
    }

    /**
     * h_Θ(x) for one example x of s_1 features (already scaled): the K outputs. Runs the same
     * forward pass as {@link #predictInto} on a one-column block; allocates that block, so it is
     * for single predictions, labs and tests, not the hot path.
     */
    public double[] predict(double[] theta, double[] x) {
        double[] outputs = new double[spec.outputSize()];
        predictInto(theta, Examples.fromRows(new double[][] {x}, null), 0, 1, outputs, 0);
        return outputs;
    }

    /**
     * Every number of one example's pass, for labs and tests ({@code sparkprop explain}): x (s_1
     * values, already scaled) forward and, when the target {@code y} (K values) is not null, back.
     * The numbers are this kernel's own, from the same passes training runs (without dropout);
     * only z^(l), which the forward pass overwrites with a^(l), is recomputed here as
     * Θ^(l-1) [1; a^(l-1)]. Both passes are in evaluation mode: a batch-normalized layer uses the
     * running μ̄, σ̄² (one example has no batch statistics), and δ treats them as constants.
     * Allocates: not for the hot path.
     */
    public Trace trace(double[] theta, double[] x, double[] y) {
        Examples one = Examples.fromRows(new double[][] {x}, y == null ? null : new double[][] {y});
        int layers = spec.layerCount();
        GradientSum sum = new GradientSum();
        if (y == null) {
            predictInto(theta, one, 0, 1, new double[spec.outputSize()], 0);
        } else {
            accumulateInto(theta, one, null, 0, 1, Dropout.NONE, false, sum);
        }
        Trace.Normalization[] normalized = new Trace.Normalization[layers + 1];
        for (int l : spec.normalizedLayerNumbers()) {
            normalized[l] = new Trace.Normalization(normalizations[l].mean(), normalizations[l].variance(),
                    normalizations[l].normalized(0),
                    java.util.Arrays.copyOfRange(theta, spec.gammaOffset(l), spec.gammaOffset(l) + spec.units(l)),
                    java.util.Arrays.copyOfRange(theta, spec.betaOffset(l), spec.betaOffset(l) + spec.units(l)),
                    y == null ? null : java.util.Arrays.copyOfRange(sum.accumulators(), spec.gammaOffset(l),
                            spec.betaOffset(l)),
                    y == null ? null : java.util.Arrays.copyOfRange(sum.accumulators(), spec.betaOffset(l),
                            spec.betaOffset(l) + spec.units(l)));
        }
        double[][] a = new double[layers + 1][];
        double[][] z = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            a[l] = activation(l, 0);
            if (l >= 2) {
                z[l] = weightedInput(theta, l - 1, a[l - 1]);
            }
        }
        if (y == null) {
            return new Trace(spec, z, a, normalized, null, null, 0.0);
        }
        double[][] layerErrors = new double[layers + 1][];
        double[][][] accumulators = new double[layers][][];
        for (int l = layers; l >= 2; l--) {
            layerErrors[l] = java.util.Arrays.copyOf(errors[l], spec.thetaRows(l - 1)); // column 0: the one example
        }
        for (int l = 1; l < layers; l++) {
            accumulators[l] = new double[spec.thetaRows(l)][spec.thetaColumns(l)];
            for (int i = 1; i <= spec.thetaRows(l); i++) {
                for (int j = 0; j < spec.thetaColumns(l); j++) {
                    accumulators[l][i - 1][j] = sum.accumulators()[spec.thetaIndex(l, i, j)];
                }
            }
        }
        return new Trace(spec, z, a, normalized, layerErrors, accumulators, sum.cost());
    }

    /** z^(l+1) = Θ^(l) [1; a] for one example's a^(l) (s_l values, no bias): a plain loop, for {@link #trace}. */
    private double[] weightedInput(double[] theta, int l, double[] a) {
        double[] z = new double[spec.thetaRows(l)];
        for (int i = 1; i <= z.length; i++) {
            double sum = theta[spec.thetaIndex(l, i, 0)];
            for (int j = 1; j <= a.length; j++) {
                sum += theta[spec.thetaIndex(l, i, j)] * a[j - 1];
            }
            z[i - 1] = sum;
        }
        return z;
    }

    // #end[double]

    private void checkInputs(double[] theta, Examples data, boolean needTargets) {
        spec.checkThetaLength(theta.length);
        if (data.featureCount() != spec.inputSize()) {
            throw new IllegalArgumentException("the data has " + data.featureCount()
                    + " features per example but the input layer of " + spec + " has "
                    + spec.inputSize() + " units");
        }
        // #if[double]
        if (sparseInput && !data.isSparse()) {
            throw new IllegalArgumentException("this kernel reads sparse input (Backprop.forSparseInput); the examples"
                    + " are stored dense");
        }
        // #end[double]
        if (needTargets && (!data.hasTargets() || data.targetCount() != spec.outputSize())) {
            throw new IllegalArgumentException("the data has " + data.targetCount()
                    + " targets per example but the output layer of " + spec + " has "
                    + spec.outputSize() + " units");
        }
    }

    /** Copies m examples into A^(1) (below its row of ones) and, with targets, into Y; draws {@code dropout}'s masks. */
    private void gather(Examples data, int[] order, int from, int m, boolean withTargets, Dropout dropout) {
        int ld = spec.inputSize() + 1;
        int k = spec.outputSize();
        double[] input = activations[1]; // null for sparse input
        for (int c = 0; c < m; c++) {
            int column = order == null ? from + c : order[from + c];
            // #if[double]
            if (sparseInput) {
                selected[c] = column; // read from its compressed row by the first layer's products
            }
            // #end[double]
            if (input != null) {
                data.copyFeatures(column, input, c * ld + 1);
            }
            if (withTargets) {
                data.copyTargets(column, targets, c * k);
            }
            if (dropout.active()) {
                drawMasks(dropout, column, c);
            }
        }
        // #if[double]
        if (sparseInput) {
            sparseLayer.group(data, selected, m);
        }
        // #end[double]
    }

    /** Draws example {@code example}'s masks for every hidden layer into column c of masks[l]. */
    private void drawMasks(Dropout dropout, int example, int c) {
        java.util.SplittableRandom random = dropout.randomFor(example);
        for (int l = 2; l < spec.layerCount(); l++) {
            double rate = dropout.rate(l);
            if (rate == 0) {
                continue;
            }
            int units = spec.units(l);
            if (masks[l] == null) {
                masks[l] = new double[units * capacity];
            }
            double keep = 1.0 / (1.0 - rate);
            for (int i = 0; i < units; i++) {
                masks[l][c * units + i] = random.nextDouble() < rate ? 0 : (double) keep;
            }
        }
    }

    /**
     * Forward propagation of the m gathered examples, hidden units masked by {@code dropout},
     * normalized layers by the block's statistics when {@code batch} (adding them into {@code
     * statistics} unless null) or by the running ones; returns Σ J_1 when {@code withTargets},
     * else 0. Leaves A^(2..L) in the workspace.
     */
    private double forward(double[] theta, int m, boolean withTargets, Dropout dropout, boolean batch,
                           double[] statistics) {
        int layers = spec.layerCount();
        for (int l = 1; l < layers; l++) {
            int rows = spec.thetaRows(l);
            boolean toOutput = l + 1 == layers;
            if (weightedInputs[l + 1] != null) {
                // 1. Z^(l+1) = Θ^(l) A^(l) into its own buffer; 2. A^(l+1) = g(Z^(l+1)) below the bias row.
                int units = spec.units(l + 1);
                weightedInputInto(theta, l, m, weightedInputs[l + 1], 0, rows);
                ActivationBlocks.applyInto(spec.activation(l + 1), weightedInputs[l + 1], units, m, activations[l + 1],
                        1, units + 1);
                if (dropout.rate(l + 1) > 0) {
                    applyMask(l + 1, m);
                }
                continue;
            }
            int ldc = toOutput ? rows : rows + 1;
            int cOffset = toOutput ? 0 : 1;
            // 1. Z^(l+1) = Θ^(l) A^(l), written below the bias row of A^(l+1).
            weightedInputInto(theta, l, m, activations[l + 1], cOffset, ldc);
            // 2. A^(l+1) = g(Z^(l+1)) in place, after Z^(l+1) := γ x̂ + β in a normalized layer.
            if (!toOutput) {
                if (normalizations[l + 1] != null) {
                    normalizations[l + 1].forward(theta, activations[l + 1], cOffset, ldc, m, batch, statistics);
                }
                ActivationBlocks.applyInPlace(spec.activation(l + 1), activations[l + 1], cOffset, rows, m, ldc);
                if (dropout.rate(l + 1) > 0) {
                    applyMask(l + 1, m);
                }
            }
        }
        return OutputBlocks.activate(spec.output(), activations[layers], withTargets ? targets : null,
                spec.outputSize(), m);
    }

    /**
     * Z^(l+1) = Θ^(l) A^(l) for the m gathered examples into {@code z} (rows x m, column c at
     * {@code zOffset + c·ldz}): one GEMM, or for sparse input at l = 1 the loop over the non-zeros.
     */
    private void weightedInputInto(double[] theta, int l, int m, double[] z, int zOffset, int ldz) {
        int rows = spec.thetaRows(l);
        int cols = spec.thetaColumns(l);
        // #if[double]
        if (l == 1 && sparseInput) {
            sparseLayer.multiplyInto(theta, spec.thetaOffset(1), m, z, zOffset, ldz);
            return;
        }
        // #end[double]
        Blas.gemm(false, false, rows, m, cols, 1.0, theta, spec.thetaOffset(l), rows,
                activations[l], 0, cols, 0.0, z, zOffset, ldz);
    }

    /**
     * Δ^(l) += δ^(l+1) (A^(l))ᵀ for the m gathered examples, into {@code accumulators} at Θ^(l)'s
     * offset: one GEMM, or for sparse input at l = 1 the loop over the non-zeros.
     */
    private void accumulateProductInto(int l, int m, double[] accumulators) {
        int rows = spec.thetaRows(l);
        int cols = spec.thetaColumns(l);
        // #if[double]
        if (l == 1 && sparseInput) {
            sparseLayer.accumulateInto(errors[2], m, accumulators, spec.thetaOffset(1));
            return;
        }
        // #end[double]
        Blas.gemm(false, true, rows, cols, m, 1.0, errors[l + 1], 0, rows,
                activations[l], 0, cols, 1.0, accumulators, spec.thetaOffset(l), rows);
    }

    /** A^(l) := A^(l) .* mask^(l): drops units and scales the kept ones by 1/(1 - rate). */
    private void applyMask(int l, int m) {
        int units = spec.units(l);
        double[] a = activations[l];
        double[] mask = masks[l];
        for (int c = 0; c < m; c++) {
            int column = c * (units + 1) + 1;
            for (int i = 0; i < units; i++) {
                a[column + i] *= mask[c * units + i];
            }
        }
    }

    /**
     * δ^(l) := δ^(l) .* g'(z^(l)) .* mask^(l). The stored activation is the masked one, a·mask, so
     * g'(z) is taken from a = stored / mask; a dropped unit passes no error back.
     */
    private void multiplyByMaskedDerivative(int l, int m) {
        int units = spec.units(l);
        Activation g = spec.activation(l);
        double[] a = activations[l];
        double[] mask = masks[l];
        double[] error = errors[l];
        for (int c = 0; c < m; c++) {
            int column = c * (units + 1) + 1;
            for (int i = 0; i < units; i++) {
                double keep = mask[c * units + i];
                int d = c * units + i;
                error[d] = keep == 0.0 ? 0 : (double) (error[d] * g.derivativeFromOutput(a[column + i] / keep) * keep);
            }
        }
    }

    /** values := values .* mask^(l) for an s_l x m block, contiguous: a dropped unit passes no error back. */
    private void multiplyByMask(double[] values, int l, int m) {
        double[] mask = masks[l];
        for (int d = 0; d < spec.units(l) * m; d++) {
            values[d] *= mask[d];
        }
    }

    /** How many of the m examples of the last forward pass have the right class (argmax, or ≥ ½ for one output). */
    private long countCorrect(int m) {
        int k = spec.outputSize();
        double[] outputs = activations[spec.layerCount()];
        long correct = 0;
        for (int c = 0; c < m; c++) {
            correct += classOf(outputs, c * k, k) == classOf(targets, c * k, k) ? 1 : 0;
        }
        return correct;
    }

    /** The class a column stands for: the largest of K ≥ 2 values, or value ≥ ½ for K = 1. */
    public static int classOf(double[] values, int offset, int k) {
        if (k == 1) {
            return values[offset] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Backpropagation of the m examples of the last forward pass (run with the same {@code
     * dropout} and {@code batch}); adds their Δ into {@code accumulators}.
     */
    private void backward(double[] theta, int m, Dropout dropout, boolean batch, double[] accumulators) {
        int layers = spec.layerCount();
        // 1. δ^(L) from the outputs and targets.
        OutputBlocks.outputError(spec.output(), activations[layers], targets, errors[layers], spec.outputSize(), m);
        for (int l = layers - 1; l >= 1; l--) {
            int rows = spec.thetaRows(l);
            // 2. Δ^(l) += δ^(l+1) (A^(l))ᵀ.
            accumulateProductInto(l, m, accumulators);
            if (normalizations[l + 1] != null) {
                // Normalization cancels Θ^(l)'s bias column (its gradient is 0 up to rounding): it stays at 0.
                java.util.Arrays.fill(accumulators, spec.thetaOffset(l), spec.weightOffset(l), 0);
            }
            if (l >= 2 && weightedInputs[l] != null) {
                // 3'. ∂J/∂a^(l) = (Θ^(l) without its bias column)ᵀ δ^(l+1), masked; δ^(l) from it and the kept z^(l).
                int units = spec.units(l);
                Blas.gemm(true, false, units, m, rows, 1.0, theta, spec.weightOffset(l), rows,
                        errors[l + 1], 0, rows, 0.0, activationErrors[l], 0, units);
                if (dropout.rate(l) > 0) {
                    multiplyByMask(activationErrors[l], l, m);
                }
                ActivationBlocks.errorsFromWeightedInput(spec.activation(l), activationErrors[l], weightedInputs[l],
                        units, m, errors[l]);
            } else if (l >= 2) {
                // 3. δ^(l) = (Θ^(l) without its bias column)ᵀ δ^(l+1) .* g'(z^(l)).
                int units = spec.units(l);
                Blas.gemm(true, false, units, m, rows, 1.0, theta, spec.weightOffset(l), rows,
                        errors[l + 1], 0, rows, 0.0, errors[l], 0, units);
                if (dropout.rate(l) > 0) {
                    multiplyByMaskedDerivative(l, m);
                } else {
                    ActivationBlocks.multiplyByDerivative(spec.activation(l), errors[l], activations[l], 1, units, m,
                            units + 1);
                }
                if (normalizations[l] != null) {
                    // 4. δ^(l) = ∂J/∂z^(l) from ∂J/∂u^(l); adds ∂J/∂γ^(l), ∂J/∂β^(l) into Δ.
                    normalizations[l].backward(theta, errors[l], m, batch, accumulators);
                }
            }
        }
    }
}
