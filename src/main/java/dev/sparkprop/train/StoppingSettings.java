package dev.sparkprop.train;

/**
 * When a run stops before its last epoch (config keys in brackets). Early stopping on a validation
 * set: stop when the validation cost has not improved by at least {@code minDelta} for
 * {@code patience} epochs, and end with the Θ of the best epoch. The validation set is
 * {@code validation}, or the held-out {@link DataSettings#validationFraction()}. Convergence on the
 * training cost: stop once an epoch's J fell, but by less than {@code tolerance} × the previous
 * epoch's J. A rise is not convergence: with minibatches it is the noise of one epoch (Spark ML's
 * default tol of 1e-6 would otherwise end an Adam fit at its first unlucky epoch), and a run that
 * diverges is warned of ({@link DivergenceWatch}). L-BFGS takes {@code tolerance}, when set, as its own.
 *
 * @param patience epochs without improvement before stopping; 0 = off [early-stopping-patience]
 * @param minDelta the least decrease of the validation cost that counts as improvement [early-stopping-min-delta]
 * @param tolerance the least relative decrease of the training cost per epoch; 0 = off [tol]
 */
public record StoppingSettings(int patience, double minDelta, double tolerance) {

    static StoppingSettings of(TrainConfig config) {
        return new StoppingSettings(config.get(ConfigKeys.EARLY_STOPPING_PATIENCE),
                config.get(ConfigKeys.EARLY_STOPPING_MIN_DELTA), config.get(ConfigKeys.TOL));
    }

    /** Whether early stopping is on. */
    public boolean enabled() {
        return patience > 0;
    }

    /** Whether an epoch's training cost, {@code cost} after {@code previous}, fell, but too little to go on. */
    public boolean converged(double previous, double cost) {
        return tolerance > 0 && cost <= previous && previous - cost < tolerance * Math.abs(previous);
    }
}
