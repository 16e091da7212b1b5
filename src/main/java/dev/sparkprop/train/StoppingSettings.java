package dev.sparkprop.train;

/**
 * Early stopping on a validation set (config keys in brackets): stop when the validation cost
 * has not improved by at least {@code minDelta} for {@code patience} epochs, and end with the Θ
 * of the best epoch. The validation set is {@code validation}, or the held-out
 * {@link DataSettings#validationFraction()}.
 *
 * @param patience epochs without improvement before stopping; 0 = off [early-stopping-patience]
 * @param minDelta the least decrease of the validation cost that counts as improvement [early-stopping-min-delta]
 */
public record StoppingSettings(int patience, double minDelta) {

    static StoppingSettings of(TrainConfig config) {
        return new StoppingSettings(config.get(ConfigKeys.EARLY_STOPPING_PATIENCE),
                config.get(ConfigKeys.EARLY_STOPPING_MIN_DELTA));
    }

    /** Whether early stopping is on. */
    public boolean enabled() {
        return patience > 0;
    }
}
