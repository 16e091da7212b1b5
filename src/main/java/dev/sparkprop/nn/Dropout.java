package dev.sparkprop.nn;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Inverted dropout for one training step: each unit of hidden layer l is dropped (set to 0) with
 * probability {@code rates[l - 2]} and the kept ones are scaled by 1/(1 - rate), so the expected
 * activation is unchanged and evaluation uses the whole network unscaled. The rate is the
 * probability of <em>dropping</em> a unit.
 *
 * <p>Masks are drawn from (step seed, example index) alone, so they differ from step to step,
 * repeat across runs with the same seed, and do not depend on how examples are chunked.
 *
 * @param rates drop probability per hidden layer (index 0 = layer 2), each in [0, 1)
 * @param seed this step's seed (derived from the run's seed, the step and the partition)
 */
public record Dropout(double[] rates, long seed) implements Serializable {

    /** No dropout. */
    public static final Dropout NONE = new Dropout(new double[0], 0);

    /** Checks the rates. */
    public Dropout {
        for (double rate : rates) {
            checkRate(rate, String.valueOf(rate));
        }
    }

    /**
     * The drop rate of each hidden layer (index 0 = layer 2) that the {@code dropout} key's text
     * sets for {@code spec}: one rate for every hidden layer, or one per hidden layer,
     * comma-separated ({@link #parseList} then {@link #perHiddenLayer}). Errors quote the bad part;
     * the caller adds the key.
     */
    public static double[] parseRates(String text, NetworkSpec spec) {
        return perHiddenLayer(parseList(text), spec);
    }

    /** The comma-separated rates of {@code text}, as written: the one check of each rate. */
    public static double[] parseList(String text) {
        String[] parts = text.split(",");
        double[] rates = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            try {
                rates[i] = checkRate(Double.parseDouble(part), part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a number", e);
            }
        }
        return rates;
    }

    /** {@code given} rates (one for all, or one per hidden layer of {@code spec}) as one per hidden layer. */
    public static double[] perHiddenLayer(double[] given, NetworkSpec spec) {
        int hidden = spec.layerCount() - 2;
        if (given.length != 1 && given.length != hidden) {
            throw new IllegalArgumentException("give one rate, or one per hidden layer (" + hidden + ")");
        }
        if (hidden == 0 && given[0] != 0) {
            throw new IllegalArgumentException("the network has no hidden layer to drop units from");
        }
        double[] rates = new double[hidden];
        for (int l = 0; l < hidden; l++) {
            rates[l] = given[given.length == 1 ? 0 : l];
        }
        return rates;
    }

    /** {@code rate}, written {@code written}, if it is in [0, 1). */
    private static double checkRate(double rate, String written) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("a rate is the probability of dropping a unit and must be in"
                    + " [0, 1); got " + written);
        }
        return rate;
    }

    /** The seed of the masks of partition {@code partition} at global step {@code step} of a run seeded {@code runSeed}. */
    public static long stepSeed(long runSeed, long step, int partition) {
        return runSeed * 0xD1B54A32D192ED03L + (step + 1) * 0xAEF17502108EF2D9L + (partition + 1) * 0x9E3779B97F4A7C15L;
    }

    /** The drop probability of hidden layer l (2..L-1); 0 when none was set. */
    public double rate(int l) {
        return l - 2 < rates.length ? rates[l - 2] : 0.0;
    }

    /** Whether any layer drops units. */
    public boolean active() {
        for (double rate : rates) {
            if (rate > 0) {
                return true;
            }
        }
        return false;
    }

    /** The random source of one example's masks (all layers), from its index in the block. */
    SplittableRandom randomFor(int example) {
        return new SplittableRandom(seed ^ (0x632BE59BD9B4E019L * (example + 1L)));
    }
}
