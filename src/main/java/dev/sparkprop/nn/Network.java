package dev.sparkprop.nn;

/**
 * A network with its weights: a {@link NetworkSpec} and the θ that fills it. Reads and writes
 * weights by the notes' indices, and computes h_Θ(x) for single examples; blocks of examples go
 * through {@link Backprop}.
 *
 * <p>θ is owned by this object; {@link #theta()} hands out a copy.
 */
public final class Network {

    private final NetworkSpec spec;
    private final double[] theta;

    private Network(NetworkSpec spec, double[] theta) {
        this.spec = spec;
        this.theta = spec.checkTheta(theta);
    }

    /** A network from a flat θ in the layout of {@link NetworkSpec}; θ is copied and checked. */
    public static Network of(NetworkSpec spec, double[] theta) {
        return new Network(spec, theta.clone());
    }

    /**
     * A network from one matrix per layer in the notes' layout: {@code matrices[l-1][i-1][j]} =
     * Θ^(l)_ij, each {@code s_{l+1} x (s_l + 1)} with the bias in column 0.
     */
    public static Network fromMatrices(NetworkSpec spec, double[][][] matrices) {
        if (matrices.length != spec.layerCount() - 1) {
            throw new IllegalArgumentException("network " + spec + " has " + (spec.layerCount() - 1)
                    + " weight matrices; got " + matrices.length);
        }
        double[] theta = new double[spec.parameterCount()];
        for (int l = 1; l < spec.layerCount(); l++) {
            double[][] matrix = matrices[l - 1];
            int rows = spec.thetaRows(l);
            int cols = spec.thetaColumns(l);
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
                    theta[spec.thetaIndex(l, i, j)] = matrix[i - 1][j];
                }
            }
        }
        return new Network(spec, theta);
    }

    /** The network's shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** A copy of θ. */
    public double[] theta() {
        return theta.clone();
    }

    /** Θ^(l)_ij by the notes' indices (j = 0 is the bias). */
    public double weight(int l, int i, int j) {
        return theta[spec.thetaIndex(l, i, j)];
    }

    /** Θ^(l) as {@code s_{l+1}} rows of {@code s_l + 1} values, bias first. */
    public double[][] matrix(int l) {
        double[][] matrix = new double[spec.thetaRows(l)][spec.thetaColumns(l)];
        for (int i = 1; i <= matrix.length; i++) {
            for (int j = 0; j < matrix[0].length; j++) {
                matrix[i - 1][j] = weight(l, i, j);
            }
        }
        return matrix;
    }

    /** a^(1)..a^(L) for one example x, without bias units: {@code result[l-1]} = a^(l). */
    public double[][] activations(double[] x) {
        Backprop backprop = new Backprop(spec, 1);
        ExampleBlock one = new ExampleBlock(x.length, 0, 1, x.clone(), null);
        backprop.predictInto(theta, one, 0, 1, new double[spec.outputSize()], 0);
        double[][] result = new double[spec.layerCount()][];
        for (int l = 1; l <= spec.layerCount(); l++) {
            result[l - 1] = backprop.activation(l, 0);
        }
        return result;
    }

    /** h_Θ(x): the K outputs for one example x of s_1 features. */
    public double[] predict(double[] x) {
        double[] outputs = new double[spec.outputSize()];
        ExampleBlock one = new ExampleBlock(x.length, 0, 1, x.clone(), null);
        new Backprop(spec, 1).predictInto(theta, one, 0, 1, outputs, 0);
        return outputs;
    }
}
