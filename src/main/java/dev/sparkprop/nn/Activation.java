package dev.sparkprop.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Activation functions g of the hidden layers: {@code a = g(z)} element by element.
 *
 * <p>Backpropagation needs g'(z). Every function here has a derivative that can be written
 * from its own output a = g(z), as the notes do for the sigmoid (g'(z) = a .* (1 - a)), so the
 * forward pass can overwrite z with a and keep a single buffer per layer:
 *
 * <pre>
 *   name        g(z)                 g'(z) from a
 *   sigmoid     1 / (1 + e^-z)       a (1 - a)
 *   tanh        tanh z               1 - a^2
 *   relu        max(0, z)            1 if a &gt; 0, else 0      (0 at the kink z = 0)
 *   leaky-relu  z if z &gt; 0, else 0.01 z   1 if a &gt; 0, else 0.01
 *   softplus    ln(1 + e^z)          1 - e^-a  (= sigmoid(z))
 *   identity    z                    1
 * </pre>
 */
public enum Activation {
    SIGMOID("sigmoid") {
        @Override
        public double apply(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }

        @Override
        public double derivativeFromOutput(double a) {
            return a * (1.0 - a);
        }
    },
    TANH("tanh") {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivativeFromOutput(double a) {
            return 1.0 - a * a;
        }
    },
    RELU("relu") {
        @Override
        public double apply(double z) {
            return z > 0.0 ? z : 0.0;
        }

        @Override
        public double derivativeFromOutput(double a) {
            return a > 0.0 ? 1.0 : 0.0;
        }
    },
    LEAKY_RELU("leaky-relu") {
        @Override
        public double apply(double z) {
            return z > 0.0 ? z : LEAK * z;
        }

        @Override
        public double derivativeFromOutput(double a) {
            return a > 0.0 ? 1.0 : LEAK;
        }
    },
    SOFTPLUS("softplus") {
        @Override
        public double apply(double z) {
            // ln(1 + e^z) without overflow for large z.
            return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
        }

        @Override
        public double derivativeFromOutput(double a) {
            return -Math.expm1(-a);
        }
    },
    IDENTITY("identity") {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public double derivativeFromOutput(double a) {
            return 1.0;
        }
    };

    /** Slope of leaky ReLU for negative inputs. */
    public static final double LEAK = 0.01;

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** g(z). */
    public abstract double apply(double z);

    /** g'(z), written through a = g(z). */
    public abstract double derivativeFromOutput(double a);

    /** The name used in network specs and config files, e.g. {@code leaky-relu}. */
    public String label() {
        return label;
    }

    /**
     * Replaces every element of a {@code rows x cols} block (leading dimension {@code ld}) by g of
     * itself: z becomes a.
     */
    public void applyInPlace(double[] values, int offset, int rows, int cols, int ld) {
        if (this == IDENTITY) {
            return;
        }
        for (int j = 0; j < cols; j++) {
            int start = offset + j * ld;
            for (int i = start; i < start + rows; i++) {
                values[i] = apply(values[i]);
            }
        }
    }

    /**
     * {@code errors := errors .* g'(z)} (δ^(l) := δ^(l) .* g'(z^(l))), with g'(z) computed from
     * the activations a.
     *
     * <p>errors is {@code rows x cols}, contiguous; a is {@code rows x cols} at
     * {@code activationOffset} with leading dimension {@code ld}. Mutates errors only.
     */
    public void multiplyByDerivative(double[] errors, double[] activations, int activationOffset,
                                     int rows, int cols, int ld) {
        if (this == IDENTITY) {
            return;
        }
        for (int j = 0; j < cols; j++) {
            int d = j * rows;
            int a = activationOffset + j * ld;
            for (int i = 0; i < rows; i++) {
                errors[d + i] *= derivativeFromOutput(activations[a + i]);
            }
        }
    }

    /** The activation named {@code name} (case-insensitive), or an error listing the names. */
    public static Activation parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Activation activation : values()) {
            if (activation.label.equals(wanted)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of "
                + Arrays.stream(values()).map(Activation::label).collect(Collectors.joining(", ")));
    }
}
