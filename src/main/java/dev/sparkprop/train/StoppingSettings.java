package dev.sparkprop.train;

import java.io.Serializable;

/**
 * Early stopping on a validation set (config keys in brackets): stop when the validation cost
 * has not improved by at least {@code minDelta} for {@code patience} epochs, and end with the Θ of
 * the best epoch.
 *
 * @param patience epochs without improvement before stopping; 0 = off [early-stopping-patience]
 * @param minDelta the least decrease of the validation cost that counts as improvement [early-stopping-min-delta]
 * @param validationFraction a seeded fraction of the training rows held out as the validation set
 *     when no {@code validation} file is given; 0 = none [validation-fraction]
 */
public record StoppingSettings(int patience, double minDelta, double validationFraction) implements Serializable {

    /** Checks every value; errors quote the key and the value. */
    public StoppingSettings {
        if (patience < 0) {
            throw new IllegalArgumentException("early-stopping-patience=" + patience + ": must be >= 1 (0 = off)");
        }
        if (!(minDelta >= 0 && Double.isFinite(minDelta))) {
            throw new IllegalArgumentException("early-stopping-min-delta=" + minDelta + ": must be a finite number >= 0");
        }
        if (!(validationFraction == 0 || (validationFraction > 0 && validationFraction < 1))) {
            throw new IllegalArgumentException("validation-fraction=" + validationFraction
                    + ": must be in (0, 1), or 0 for none");
        }
    }

    /** Whether early stopping is on. */
    public boolean enabled() {
        return patience > 0;
    }
}
