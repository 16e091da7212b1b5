package dev.sparkprop.linalg;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import java.util.Random;

/**
 * The child JVM of {@link BlasLibraryTest}: loads BLAS as its system properties say, then prints
 * three lines: {@link Blas#library()}, {@link Blas#describe()}, and the Δ sums and cost of one
 * forward and backward pass of a small network over 100 examples (all through {@link Blas}), as
 * the doubles' exact bits in hex. A library setting that cannot be honoured prints its one line
 * on stderr and exits 2.
 */
public final class BlasLibraryProbe {

    /** The small network whose gradient the children compare. */
    static final String NETWORK = "30-40:tanh-20:sigmoid-5:softmax";

    private BlasLibraryProbe() {
    }

    public static void main(String[] args) {
        String library;
        String description;
        try {
            library = Blas.library();
            description = Blas.describe();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(library);
        System.out.println(description);
        NetworkSpec spec = NetworkSpec.parse(NETWORK);
        int m = 100;
        Random random = new Random(11);
        double[] x = new double[spec.inputSize() * m];
        double[] y = new double[spec.outputSize() * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int j = 0; j < m; j++) {
            y[j * spec.outputSize() + random.nextInt(spec.outputSize())] = 1.0;
        }
        double[] theta = Initialization.parse("xavier").initialize(spec, 5);
        GradientSum sum = new GradientSum();
        new Backprop(spec, 32).accumulateInto(theta, new Examples(spec.inputSize(), spec.outputSize(), m, x, y),
                null, 0, m, sum);
        StringBuilder bits = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(sum.cost())));
        for (double value : sum.accumulators()) {
            bits.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(value)));
        }
        System.out.println(bits);
    }
}
