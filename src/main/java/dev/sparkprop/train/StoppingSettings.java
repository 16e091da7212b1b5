package dev.sparkprop.train;

/**
 * Early stopping on a validation set (config keys in brackets): stop when the validation cost
 * has not improved by at least {@link #minDelta()} for {@link #patience()} epochs, and end with
 * the Θ of the best epoch. The validation set is {@code validation}, or the held-out
 * {@link DataSettings#validationFraction()}.
 */
public final class StoppingSettings {

    private final TrainConfig config;

    StoppingSettings(TrainConfig config) {
        this.config = config;
    }

    /** Epochs without improvement before stopping; 0 = off [early-stopping-patience]. */
    public int patience() {
        return config.get(ConfigKeys.EARLY_STOPPING_PATIENCE);
    }

    /** The least decrease of the validation cost that counts as improvement [early-stopping-min-delta]. */
    public double minDelta() {
        return config.get(ConfigKeys.EARLY_STOPPING_MIN_DELTA);
    }

    /** Whether early stopping is on. */
    public boolean enabled() {
        return patience() > 0;
    }
}
