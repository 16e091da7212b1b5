package dev.sparkprop.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a network, without its weights: layer sizes s_1..s_L, the activation of each
 * hidden layer, and the output layer's activation paired with its cost.
 *
 * <p>Layers are numbered as in the notes, from 1 (the input) to L (the output). The text form
 * lists the layers from input to output, separated by {@code -}, each hidden and output layer
 * with {@code :activation}; an activation may carry a parameter after a further colon (see
 * {@link Activation}):
 *
 * <pre>
 *   784-256:relu-128:relu-10:softmax     MNIST: two ReLU hidden layers, softmax + NLL
 *   2-2:sigmoid-1:sigmoid                XOR: the notes' network, logistic cost
 *   2-2:sigmoid-2:sigmoid/squared        the notes' worked example (squared error)
 *   13-32:tanh-1:linear                  regression
 *   4-8:leaky-relu:0.1-6:maxout:2-3:softmax   leaky ReLU with slope 0.1, maxout with 2 pieces per unit
 *   2-2:step-1:step                      XOR of threshold units, set by hand (cannot be trained)
 *   784-256:relu:bn-10:softmax           a batch-normalized ReLU layer (see below)
 * </pre>
 *
 * A hidden layer without {@code :activation} is a sigmoid layer and an output without one is a
 * sigmoid output with the logistic cost, as in the notes. A step output is one unit, straight on
 * the inputs (the perceptron) or on step hidden units (a hand-set threshold network).
 *
 * <h2>Θ layout</h2>
 * All parameters live in one {@code double[]} θ. Θ^(l), for l = 1..L-1, maps layer l to layer
 * l+1 and is an {@code r_l x (s_l + 1)} matrix whose column 0 holds the biases (it multiplies
 * the bias unit a_0^(l) = 1). r_l, its row count, is s_{l+1}: one row per unit, except below a
 * maxout:K layer, where each unit has K linear pieces and r_l = K s_{l+1}; row (i-1) K + k is
 * piece k of unit i (a unit's pieces are adjacent). Θ^(l) is stored column-major right after
 * Θ^(l-1):
 *
 * <pre>
 *   θ = [ Θ^(1) col 0 (biases) | Θ^(1) col 1 | ... | Θ^(1) col s_1 | Θ^(2) col 0 | ... ]
 *         ^ thetaOffset(1)       ^ weightOffset(1)                    ^ thetaEnd(1) = thetaOffset(2)
 *
 *   Θ^(l)_ij = θ[thetaOffset(l) + j * r_l + (i - 1)],   i = 1..r_l,  j = 0..s_l
 *   biases  of Θ^(l) (j = 0):  θ[thetaOffset(l)  .. weightOffset(l))   r_l values
 *   weights of Θ^(l) (j ≥ 1):  θ[weightOffset(l) .. thetaEnd(l))       r_l s_l values
 *   r_l = thetaRows(l) = pieces(l+1) s_{l+1}     (pieces = K for maxout:K, else 1)
 * </pre>
 *
 * so {@link #thetaIndex(int, int, int)} reads weights by the notes' indices, and a loop over
 * every weight that is not a bias (as regularization runs) is
 * {@code for l in 1..L-1, for p in weightOffset(l)..thetaEnd(l)}. Gradients (Δ, D) use the same
 * layout. This class is the only place the layout is computed: the offsets are worked out once,
 * when the spec is made, so the range accessors cost an array read and hot loops may call them.
 * (That is why this description is a final class and not a record: a record cannot keep a field
 * derived from its components.)
 *
 * <h2>Spark MLlib's layout</h2>
 * Spark's {@code MultilayerPerceptronClassifier} (MLPC) keeps its weights in one flat vector too,
 * with the same matrices in the same column-major order, but each layer's bias vector after its
 * weights instead of before ({@code AffineLayerModel.unroll}: A = s_{l+1} x s_l, then b):
 *
 * <pre>
 *   MLPC = [ Θ^(1) cols 1..s_1 (weights) | Θ^(1) col 0 (biases) | Θ^(2) cols 1..s_2 | Θ^(2) col 0 | ... ]
 * </pre>
 *
 * so each layer's block is θ's block rotated by its s_{l+1} biases; {@link #toMlpcWeights} and
 * {@link #fromMlpcWeights} convert, and the two vectors have the same length. MLPC has one row per
 * unit and no batch normalization, so a network with a maxout or a {@code bn} layer has no MLPC
 * layout and is refused.
 *
 * <h2>Batch normalization</h2>
 * A hidden layer marked {@code :bn} after its activation ({@code 784-256:relu:bn-10:softmax}; a
 * bare {@code 256:bn} is a sigmoid layer) normalizes z^(l) before g ({@link BatchNorm}). Its four
 * vectors of s_l values, γ^(l), β^(l) and the running mean μ̄^(l) and variance σ̄²^(l), sit
 * after the last Θ, one s_l x 4 column-major block per normalized layer, layers in order:
 *
 * <pre>
 *   θ = [ Θ^(1) | ... | Θ^(L-1) | γ^(l) β^(l) μ̄^(l) σ̄²^(l) | γ^(l') β^(l') μ̄^(l') σ̄²^(l') | ... ]
 *                               ^ gammaOffset(l)  betaOffset(l)  runningMeanOffset(l)  runningVarianceOffset(l)
 * </pre>
 *
 * γ and β are trained (gradient descent moves them; no penalty: see {@link Objective}); μ̄ and
 * σ̄² are not: their gradient is 0, so no first-order optimizer moves them, and the training loop
 * writes them from the steps' batch statistics. Keeping them in θ means every carrier of θ
 * (model files, checkpoints, {@code theta export}, Spark ML models) carries them too. A network
 * without {@code bn} has no block, so its θ is as before. The bias column of the Θ^(l-1) that
 * feeds a normalized layer is held at 0: normalization subtracts the mean, so that bias has no
 * effect, and β is the layer's offset.
 */
public final class NetworkSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Integer> sizes;
    private final List<Activation> hiddenActivations;
    private final Output output;
    /** Whether hidden layer l (index l - 2) is batch-normalized. */
    private final List<Boolean> normalized;
    /** offsets[l] = where Θ^(l) starts in θ, l = 1..L-1; offsets[L] = where the normalization blocks start. */
    private final int[] offsets;
    /** normalizationOffsets[l] = where γ^(l) starts for a normalized layer l, else -1; the last entry is θ's length. */
    private final int[] normalizationOffsets;
    /** statisticsOffsets[l] = where layer l's Σz starts in a {@link GradientSum}'s statistics, else -1; last = length. */
    private final int[] statisticsOffsets;

    /**
     * Validates the description; quotes the offending value.
     *
     * @param sizes s_1..s_L, input first
     * @param hiddenActivations g of layers 2..L-1
     * @param output the output layer's activation and cost
     */
    public NetworkSpec(List<Integer> sizes, List<Activation> hiddenActivations, Output output) {
        this(sizes, hiddenActivations, Collections.nCopies(Math.max(0, sizes.size() - 2), false), output);
    }

    /**
     * As {@link #NetworkSpec(List, List, Output)}, with the hidden layers marked for batch
     * normalization.
     *
     * @param normalized for each hidden layer 2..L-1, whether it is batch-normalized
     */
    public NetworkSpec(List<Integer> sizes, List<Activation> hiddenActivations, List<Boolean> normalized,
                       Output output) {
        sizes = List.copyOf(sizes);
        normalized = List.copyOf(normalized);
        hiddenActivations = List.copyOf(hiddenActivations);
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output layer; got "
                    + sizes.size() + " layer(s)");
        }
        for (int l = 0; l < sizes.size(); l++) {
            if (sizes.get(l) < 1) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has " + sizes.get(l)
                        + " units; each layer needs >= 1");
            }
        }
        if (hiddenActivations.size() != sizes.size() - 2) {
            throw new IllegalArgumentException(sizes.size() + " layers need " + (sizes.size() - 2)
                    + " hidden activations; got " + hiddenActivations.size());
        }
        if (output == Output.STEP && (sizes.get(sizes.size() - 1) != 1
                || hiddenActivations.stream().anyMatch(Activation::hasDerivative))) {
            throw new IllegalArgumentException("a step (perceptron) output is one unit straight on the inputs, e.g."
                    + " 2-1:step, or on step hidden units (e.g. 2-2:step-1:step, set by hand); it has no derivative"
                    + " to pass back to hidden layers");
        }
        if (output == Output.SOFTMAX && sizes.get(sizes.size() - 1) < 2) {
            throw new IllegalArgumentException("a softmax output needs >= 2 units; got "
                    + sizes.get(sizes.size() - 1) + " (use a sigmoid output for one yes/no output)");
        }
        if (normalized.size() != hiddenActivations.size()) {
            throw new IllegalArgumentException(sizes.size() + " layers need " + hiddenActivations.size()
                    + " batch-normalization marks; got " + normalized.size());
        }
        for (int h = 0; h < normalized.size(); h++) {
            if (normalized.get(h) && hiddenActivations.get(h).keepsWeightedInput()) {
                throw new IllegalArgumentException("layer " + (h + 2) + " is " + hiddenActivations.get(h) + " with bn:"
                        + " batch normalization is not wired for abs and maxout layers, which keep z beside a");
            }
        }
        this.sizes = sizes;
        this.hiddenActivations = hiddenActivations;
        this.normalized = normalized;
        this.output = Objects.requireNonNull(output, "output");
        this.offsets = new int[sizes.size() + 1];
        for (int l = 1; l < sizes.size(); l++) {
            offsets[l + 1] = offsets[l] + thetaRows(l) * thetaColumns(l); // + r_l x (s_l + 1)
        }
        this.normalizationOffsets = new int[sizes.size() + 1];
        this.statisticsOffsets = new int[sizes.size() + 1];
        java.util.Arrays.fill(normalizationOffsets, -1);
        java.util.Arrays.fill(statisticsOffsets, -1);
        int next = offsets[sizes.size()];
        int statistics = 0;
        for (int l = 2; l < sizes.size(); l++) {
            if (normalized.get(l - 2)) {
                normalizationOffsets[l] = next;
                statisticsOffsets[l] = statistics;
                next += 4 * sizes.get(l - 1); // γ, β, μ̄, σ̄²
                statistics += 2 * sizes.get(l - 1); // Σz, Σz²
            }
        }
        normalizationOffsets[sizes.size()] = next;
        statisticsOffsets[sizes.size()] = statistics;
    }

    /** Java serialization (Spark closures) bypasses the constructor: rebuild, so a read spec is checked. */
    private Object readResolve() {
        return new NetworkSpec(sizes, hiddenActivations, normalized, output);
    }

    /** Builds a spec from sizes, one activation for every hidden layer, and the output. */
    public static NetworkSpec of(int[] sizes, Activation hidden, Output output) {
        List<Integer> sizeList = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        for (int l = 0; l < sizes.length; l++) {
            sizeList.add(sizes[l]);
            if (l > 0 && l < sizes.length - 1) {
                activations.add(hidden);
            }
        }
        return new NetworkSpec(sizeList, activations, output);
    }

    /** Parses the text form described in the class doc; errors quote the bad part. */
    public static NetworkSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network spec; expected e.g. 784-256:relu-10:softmax");
        }
        String[] parts = text.trim().split("-(?=\\d)|-$", -1);
        List<Integer> sizes = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        List<Boolean> normalized = new ArrayList<>();
        Output output = Output.LOGISTIC;
        for (int l = 0; l < parts.length; l++) {
            String part = parts[l].trim();
            int colon = part.indexOf(':');
            String size = colon < 0 ? part : part.substring(0, colon);
            sizes.add(parseSize(text, part, size));
            if (colon >= 0 && l == 0) {
                throw new IllegalArgumentException("network spec '" + text + "': the input layer '" + part
                        + "' takes no activation");
            }
            String name = colon < 0 ? null : part.substring(colon + 1);
            try {
                if (l == parts.length - 1) {
                    output = name == null ? Output.LOGISTIC : Output.parse(name);
                } else if (l > 0) {
                    boolean marked = BatchNorm.isMarked(name);
                    String activation = marked ? BatchNorm.withoutMark(name) : name;
                    activations.add(activation == null ? Activation.SIGMOID : Activation.parse(activation));
                    normalized.add(marked);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("network spec '" + text + "', layer " + (l + 1) + " '"
                        + part + "': " + e.getMessage(), e);
            }
        }
        try {
            return new NetworkSpec(sizes, activations, normalized, output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network spec '" + text + "': " + e.getMessage(), e);
        }
    }

    private static int parseSize(String text, String part, String size) {
        try {
            return Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("network spec '" + text + "': layer '" + part
                    + "' does not start with a unit count", e);
        }
    }

    /** s_1..s_L, input first. */
    public List<Integer> sizes() {
        return sizes;
    }

    /** The activations g of the hidden layers 2..L-1, in order. */
    public List<Activation> hiddenActivations() {
        return hiddenActivations;
    }

    /** The output layer's activation, paired with its cost. */
    public Output output() {
        return output;
    }

    /** L, the number of layers, input and output included. */
    public int layerCount() {
        return sizes.size();
    }

    /** s_l, the number of units of layer l (1 = input, L = output), bias unit not counted. */
    public int units(int l) {
        return sizes.get(l - 1);
    }

    /** s_1. */
    public int inputSize() {
        return sizes.get(0);
    }

    /** s_L = K. */
    public int outputSize() {
        return sizes.get(sizes.size() - 1);
    }

    /** The activation g of hidden layer l, for l = 2..L-1. */
    public Activation activation(int l) {
        if (l < 2 || l > layerCount() - 1) {
            throw new IllegalArgumentException("layer " + l + " is not a hidden layer (hidden layers are 2.."
                    + (layerCount() - 1) + ")");
        }
        return hiddenActivations.get(l - 2);
    }

    /** Whether layer l is a batch-normalized hidden layer (false for the input and output layers). */
    public boolean normalized(int l) {
        return l >= 2 && l < layerCount() && normalized.get(l - 2);
    }

    /** Whether any hidden layer is batch-normalized. */
    public boolean hasNormalization() {
        return normalized.contains(true);
    }

    /** For each hidden layer 2..L-1, whether it is batch-normalized: the marks the constructor took. */
    public List<Boolean> normalizationMarks() {
        return normalized;
    }

    /** Where γ^(l) (s_l values) starts in θ, for a normalized layer l (class doc). */
    public int gammaOffset(int l) {
        if (!normalized(l)) {
            throw new IllegalArgumentException("layer " + l + " of " + this + " is not batch-normalized");
        }
        return normalizationOffsets[l];
    }

    /** Where β^(l) starts in θ: right after γ^(l). */
    public int betaOffset(int l) {
        return gammaOffset(l) + units(l);
    }

    /** Where the running mean μ̄^(l) starts in θ: right after β^(l). */
    public int runningMeanOffset(int l) {
        return gammaOffset(l) + 2 * units(l);
    }

    /** Where the running variance σ̄²^(l) starts in θ: right after μ̄^(l). */
    public int runningVarianceOffset(int l) {
        return gammaOffset(l) + 3 * units(l);
    }

    /**
     * Where layer l's batch sums start in a {@link GradientSum}'s statistics: Σ_c z^(l)_ic for
     * i = 1..s_l, then Σ_c (z^(l)_ic)², over the examples the sums saw.
     */
    public int statisticsOffset(int l) {
        gammaOffset(l); // checks that l is normalized
        return statisticsOffsets[l];
    }

    /** The length of a {@link GradientSum}'s statistics: 2 s_l for every normalized layer l. */
    public int statisticsCount() {
        return statisticsOffsets[layerCount()];
    }

    /**
     * K, the linear pieces per unit of layer l: K for a maxout:K hidden layer, 1 for every other
     * layer (the input and output included).
     */
    public int pieces(int l) {
        return l >= 2 && l < layerCount() ? activation(l).pieces() : 1;
    }

    /** Rows of Θ^(l): r_l = pieces(l+1) s_{l+1}, one per linear piece of layer l+1 (class doc). */
    public int thetaRows(int l) {
        return pieces(l + 1) * units(l + 1);
    }

    /** Columns of Θ^(l): s_l + 1 (column 0 is the bias). */
    public int thetaColumns(int l) {
        return units(l) + 1;
    }

    /** Where Θ^(l) starts in θ: its bias column, r_l values, comes first. */
    public int thetaOffset(int l) {
        checkLayer(l);
        return offsets[l];
    }

    /** Where the weights of Θ^(l) (columns j ≥ 1) start in θ: just after its bias column. */
    public int weightOffset(int l) {
        checkLayer(l);
        return offsets[l] + thetaRows(l);
    }

    /** One past the last value of Θ^(l) in θ: where Θ^(l+1) starts, or θ's length for l = L-1. */
    public int thetaEnd(int l) {
        checkLayer(l);
        return offsets[l + 1];
    }

    private void checkLayer(int l) {
        if (l < 1 || l > layerCount() - 1) {
            throw new IllegalArgumentException("Θ^(" + l + ") does not exist; this network has Θ^(1).."
                    + "Θ^(" + (layerCount() - 1) + ")");
        }
    }

    /**
     * The position of Θ^(l)_ij in θ, with the notes' indices: i = 1..r_l (the row: the unit, or
     * below a maxout:K layer piece k of unit u at i = (u-1) K + k), j = 0..s_l (0 = bias).
     */
    public int thetaIndex(int l, int i, int j) {
        if (i < 1 || i > thetaRows(l) || j < 0 || j > units(l)) {
            throw new IllegalArgumentException("Θ^(" + l + ")_" + i + "," + j + " is outside the "
                    + thetaRows(l) + " x " + thetaColumns(l) + " matrix (i = 1.." + thetaRows(l)
                    + ", j = 0.." + units(l) + ")");
        }
        return thetaOffset(l) + j * thetaRows(l) + (i - 1);
    }

    /** The total number of parameters, biases and normalization blocks included: the length of θ. */
    public int parameterCount() {
        return normalizationOffsets[layerCount()];
    }

    /** Names θ[index] by the notes' indices, e.g. {@code Θ^(2)_3,0}. */
    public String describeIndex(int index) {
        for (int l = 1; l < layerCount(); l++) {
            if (index >= thetaOffset(l) && index < thetaEnd(l)) {
                int local = index - thetaOffset(l);
                return "Θ^(" + l + ")_" + (local % thetaRows(l) + 1) + "," + (local / thetaRows(l));
            }
        }
        for (int l = 2; l < layerCount(); l++) {
            if (normalized(l) && index >= gammaOffset(l) && index < gammaOffset(l) + 4 * units(l)) {
                int local = index - gammaOffset(l);
                return BatchNorm.VECTOR_NAMES[local / units(l)] + "^(" + l + ")_" + (local % units(l) + 1);
            }
        }
        throw new IllegalArgumentException("index " + index + " is outside θ (" + parameterCount()
                + " parameters)");
    }

    /**
     * Refuses a network that backpropagation cannot train: one with step hidden units. The error
     * names the layer and says why, in one line.
     */
    public void checkDifferentiable() {
        for (int l = 2; l < layerCount(); l++) {
            if (!activation(l).hasDerivative()) {
                throw new IllegalArgumentException("layer " + l + " has step units: " + Activation.noDerivative()
                        + "; set a threshold network by hand (sparkprop theta import) instead of training it");
            }
        }
    }

    /** Checks that θ (or a gradient in its layout) has this network's {@link #parameterCount()} values. */
    public void checkThetaLength(double[] theta) {
        checkThetaLength(theta.length);
    }

    /** Checks that a θ of {@code length} values fits this network (in either precision). */
    public void checkThetaLength(int length) {
        if (length != parameterCount()) {
            throw new IllegalArgumentException("θ has " + length + " values; network " + this
                    + " has " + parameterCount() + " parameters");
        }
    }

    /**
     * Checks that θ fits this network and holds only finite numbers; the error names the first
     * bad entry by the notes' indices.
     */
    public double[] checkTheta(double[] theta) {
        checkThetaLength(theta);
        for (int p = 0; p < theta.length; p++) {
            if (!Double.isFinite(theta[p])) {
                throw new IllegalArgumentException(describeIndex(p) + " (θ[" + p + "]) is " + theta[p]
                        + "; parameters must be finite");
            }
        }
        return theta;
    }

    /** Equal when the sizes, the hidden activations, the normalization marks and the output are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec that && sizes.equals(that.sizes)
                && hiddenActivations.equals(that.hiddenActivations) && normalized.equals(that.normalized)
                && output == that.output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizes, hiddenActivations, normalized, output);
    }

    /**
     * Θ^(l) of {@code theta} in the notes' layout: {@code r_l} rows of {@code s_l + 1}
     * values, {@code result[i-1][j]} = Θ^(l)_ij with the bias in column 0. A copy.
     */
    public double[][] matrix(double[] theta, int l) {
        double[][] matrix = new double[thetaRows(l)][thetaColumns(l)];
        for (int i = 1; i <= matrix.length; i++) {
            for (int j = 0; j < matrix[0].length; j++) {
                matrix[i - 1][j] = theta[thetaIndex(l, i, j)];
            }
        }
        return matrix;
    }

    /**
     * The normalization block of layer l: {@code s_l} rows {@code [γ_i, β_i, μ̄_i, σ̄²_i]}. A copy.
     */
    public double[][] normalizationMatrix(double[] theta, int l) {
        int units = units(l);
        double[][] matrix = new double[units][4];
        for (int i = 0; i < units; i++) {
            for (int v = 0; v < 4; v++) {
                matrix[i][v] = theta[gammaOffset(l) + v * units + i];
            }
        }
        return matrix;
    }

    /** The normalized layers l in order: what the blocks after Θ^(L-1) belong to. */
    public int[] normalizedLayerNumbers() {
        return java.util.stream.IntStream.range(2, layerCount()).filter(this::normalized).toArray();
    }

    /**
     * θ from one matrix per layer in the notes' layout, the inverse of {@link #matrix}:
     * {@code matrices[l-1][i-1][j]} = Θ^(l)_ij, each {@code r_l x (s_l + 1)}, bias first;
     * then, for each normalized layer in order, its {@link #normalizationMatrix} ({@code s_l x 4}).
     * The error names the first matrix or row of the wrong shape.
     */
    public double[] flatten(double[][][] matrices) {
        int[] normalizedLayers = normalizedLayerNumbers();
        if (matrices.length != layerCount() - 1 + normalizedLayers.length) {
            throw new IllegalArgumentException("network " + this + " has " + (layerCount() - 1)
                    + " weight matrices" + (normalizedLayers.length == 0 ? ""
                            : " and " + normalizedLayers.length + " normalization blocks")
                    + "; got " + matrices.length);
        }
        double[] theta = new double[parameterCount()];
        for (int b = 0; b < normalizedLayers.length; b++) {
            int l = normalizedLayers[b];
            double[][] block = matrices[layerCount() - 1 + b];
            for (int i = 0; i < units(l); i++) {
                if (block.length != units(l) || block[i].length != 4) {
                    throw new IllegalArgumentException("the normalization block of layer " + l + " must be "
                            + units(l) + " x 4 (gamma, beta, running mean, running variance)");
                }
                for (int v = 0; v < 4; v++) {
                    theta[gammaOffset(l) + v * units(l) + i] = block[i][v];
                }
            }
        }
        for (int l = 1; l < layerCount(); l++) {
            double[][] matrix = matrices[l - 1];
            int rows = thetaRows(l);
            int cols = thetaColumns(l);
            if (matrix.length != rows) {
                throw new IllegalArgumentException("Θ^(" + l + ") must be " + rows + " x " + cols + "; got "
                        + matrix.length + " rows");
            }
            for (int i = 1; i <= rows; i++) {
                if (matrix[i - 1].length != cols) {
                    throw new IllegalArgumentException("Θ^(" + l + ") must be " + rows + " x " + cols
                            + "; row " + i + " has " + matrix[i - 1].length + " values");
                }
                for (int j = 0; j < cols; j++) {
                    theta[thetaIndex(l, i, j)] = matrix[i - 1][j];
                }
            }
        }
        return checkTheta(theta);
    }

    /**
     * θ in Spark MLPC's layout (class doc): per layer the weights, column-major, then the biases.
     * A new array; {@code theta} is checked for length, not changed.
     */
    public double[] toMlpcWeights(double[] theta) {
        checkMlpcLayout();
        checkThetaLength(theta);
        requireNoNormalization();
        double[] weights = new double[theta.length];
        for (int l = 1; l < layerCount(); l++) {
            int biases = thetaRows(l);
            int weightCount = thetaEnd(l) - weightOffset(l);
            System.arraycopy(theta, weightOffset(l), weights, thetaOffset(l), weightCount);
            System.arraycopy(theta, thetaOffset(l), weights, thetaOffset(l) + weightCount, biases);
        }
        return weights;
    }

    /**
     * θ from a weight vector in Spark MLPC's layout (class doc), the inverse of {@link #toMlpcWeights}.
     * A new array; the error quotes both lengths when {@code mlpcWeights} does not fit this network.
     */
    public double[] fromMlpcWeights(double[] mlpcWeights) {
        checkMlpcLayout();
        requireNoNormalization();
        if (mlpcWeights.length != parameterCount()) {
            throw new IllegalArgumentException("the weight vector has " + mlpcWeights.length + " values; network "
                    + this + " has " + parameterCount() + " parameters");
        }
        double[] theta = new double[mlpcWeights.length];
        for (int l = 1; l < layerCount(); l++) {
            int biases = thetaRows(l);
            int weightCount = thetaEnd(l) - weightOffset(l);
            System.arraycopy(mlpcWeights, thetaOffset(l), theta, weightOffset(l), weightCount);
            System.arraycopy(mlpcWeights, thetaOffset(l) + weightCount, theta, thetaOffset(l), biases);
        }
        return theta;
    }

    /** MLPC's layout has one row of weights per unit: no maxout pieces. */
    private void checkMlpcLayout() {
        for (int l = 2; l < layerCount(); l++) {
            if (pieces(l) > 1) {
                throw new IllegalArgumentException("network " + this + ": layer " + l + " is " + activation(l)
                        + " (" + pieces(l) + " rows of weights per unit); Spark MLPC's layout has one row per unit,"
                        + " so these weights have no MLPC form");
            }
        }
    }

    private void requireNoNormalization() {
        if (hasNormalization()) {
            throw new IllegalArgumentException("network " + this + " has batch-normalized layers, which Spark"
                    + " MLPC's weight layout cannot hold");
        }
    }

    /** The text form, which {@link #parse(String)} reads back to an equal spec. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(inputSize());
        for (int l = 2; l < layerCount(); l++) {
            text.append('-').append(units(l)).append(':').append(activation(l).label());
            if (normalized(l)) {
                text.append(BatchNorm.MARK);
            }
        }
        return text.append('-').append(outputSize()).append(':').append(output.label()).toString();
    }
}
