package dev.sparkprop.train;

import java.util.Locale;

/**
 * How the cached training blocks hold their features ({@code sparse}): dense (s_1 doubles an
 * example) or as compressed sparse rows (12 bytes a non-zero), read by the sparse-input kernel
 * ({@code nn.Backprop.forSparseInput}), whose first-layer products are loops over the non-zeros.
 * Both give the same gradient sums to rounding (1e-12 of the largest), so the choice is one of
 * speed and memory, like {@code block-size}.
 *
 * <p>{@code auto} stores the blocks sparse when the training rows' density, non-zeros / (rows x
 * features), is below {@link #AUTO_DENSITY} and nothing rules it out: {@code precision = float}
 * (sparse blocks compute in double) and a scaling that moves zeros ({@code min-max},
 * {@code standardize}) keep the blocks dense. {@code true} forces sparse blocks and refuses those
 * two combinations ({@link TrainConfig}); {@code false} forces dense blocks. Validation and test
 * sets are stored as the training set is.
 */
public enum Sparsity {
    AUTO, SPARSE, DENSE;

    /**
     * Below this density {@code auto} stores blocks sparse. At 2% a first-layer product over the
     * non-zeros does about 2% of the dense GEMM's multiply-adds at perhaps a tenth of its rate per
     * flop (scattered columns, no blocking), so it wins by 5x and more, and the memory is 3% of dense.
     */
    public static final double AUTO_DENSITY = 0.02;

    /** The key's text: {@code auto}, {@code true} or {@code false}. */
    public String label() {
        return switch (this) {
            case AUTO -> "auto";
            case SPARSE -> "true";
            case DENSE -> "false";
        };
    }

    /** The choice written {@code text}; the error lists the three. */
    public static Sparsity parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "true" -> SPARSE;
            case "false" -> DENSE;
            default -> throw new IllegalArgumentException("must be auto, true or false");
        };
    }

    /** The choice that repeats a decision already made: {@code SPARSE} or {@code DENSE}. */
    public static Sparsity of(boolean sparse) {
        return sparse ? SPARSE : DENSE;
    }

    /**
     * Whether blocks of data with {@code density} are stored sparse, given whether they may be
     * ({@code allowed}: double precision and a scaling that keeps zeros).
     */
    public boolean storesSparse(double density, boolean allowed) {
        return this == SPARSE || (this == AUTO && allowed && density < AUTO_DENSITY);
    }
}
