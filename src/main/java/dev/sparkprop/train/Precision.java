package dev.sparkprop.train;

import java.util.Locale;

/**
 * The arithmetic of the executors' forward and backward passes ({@code precision}).
 *
 * <p>{@code double} is the reference. {@code float} caches the training examples in float32 (half
 * the bytes) and runs each partition's passes in float32 with SGEMM, about twice DGEMM's rate,
 * through {@code nn.FloatBackprop}, the same kernel source as the double one (see {@code
 * nn.Backprop}). What must stay exact stays double: the driver's Θ and optimizer state (the
 * updates add small steps to Θ; in float they would round away), the sums of Δ beyond one block,
 * across partitions and in the gradient tree (each block's float Δ is widened first), and the
 * division by m. Θ is rounded to float once per step per executor. Evaluation, prediction and
 * gradient checking run in double. Within a precision, a run repeats bit for bit.
 */
public enum Precision {
    DOUBLE, FLOAT;

    /** The key's text: {@code double} or {@code float}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision written {@code text}; the error lists both. */
    public static Precision parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "double" -> DOUBLE;
            case "float" -> FLOAT;
            default -> throw new IllegalArgumentException("must be double or float");
        };
    }
}
