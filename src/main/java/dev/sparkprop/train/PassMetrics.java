package dev.sparkprop.train;

import java.util.Map;

/**
 * How θ did on one data set: its cost, and the accuracy (classification) or the RMSE
 * (regression). On the training set the cost is the notes' J, the mean data cost plus the
 * penalties (λ and λ1 over the training set's m); on a held-out set (validation, test) it is the
 * data cost alone, the notes' J_cv and J_test, since the penalty does not depend on the data.
 *
 * @param cost the training set's J, or a held-out set's data cost
 * @param accuracy the fraction classified right; NaN for regression
 * @param rmse root mean squared error; NaN for classification
 */
public record PassMetrics(double cost, double accuracy, double rmse) {

    /** From evaluation sums and the cost formed from them. */
    public static PassMetrics of(MetricSum sums, double cost) {
        return sums.isClassification() ? new PassMetrics(cost, sums.accuracy(), Double.NaN)
                : new PassMetrics(cost, Double.NaN, sums.rmse());
    }

    /** A held-out set's metrics from its evaluation sums: the cost is the mean data cost, Σ J_1 / m, no penalty. */
    public static PassMetrics ofDataCost(MetricSum sums) {
        return of(sums, sums.costSum() / sums.count());
    }

    /** Whether these are a classifier's metrics. */
    public boolean isClassification() {
        return !Double.isNaN(accuracy);
    }

    /**
     * Puts {@code SET_cost} and {@code SET_accuracy} (or {@code SET_rmse}), rounded to 6 places,
     * into JSON fields; a field already there keeps its place.
     */
    public void putInto(Map<String, Object> fields, String set) {
        fields.put(set + "_cost", round(cost));
        if (isClassification()) {
            fields.put(set + "_accuracy", round(accuracy));
        } else {
            fields.put(set + "_rmse", round(rmse));
        }
    }

    /** Six decimal places, as every reported figure; NaN and infinities unchanged. */
    public static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
    }
}
