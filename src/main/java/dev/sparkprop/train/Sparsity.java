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
     * Below this density {@code auto} stores blocks sparse. The first-layer products over the
     * non-zeros do that fraction of the dense GEMMs' multiply-adds, but at a much lower rate per
     * multiply-add (each non-zero streams one scattered column of Θ^(1) and of Δ^(1); no cache
     * blocking): measured 4.3x to 5.5x faster than dense at 1% (README, bench target 9), so about
     * 2x at 2%, where the cached features take 3% of the dense bytes (12 bytes a non-zero against
     * 8 a feature).
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
