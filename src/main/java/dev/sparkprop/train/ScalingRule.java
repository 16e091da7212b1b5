package dev.sparkprop.train;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.FeatureStatistics;

/**
 * The {@code scaling} key, read: the kind of rule and its text ({@code divide:255} carries its
 * constant in the text, which {@link FeatureScaling#fit} reads).
 *
 * @param kind none, divide, min-max or standardize
 * @param text the key's value as written, e.g. {@code divide:255}
 */
public record ScalingRule(FeatureScaling.Kind kind, String text) {

    /** Reads {@code none}, {@code divide:C}, {@code min-max} or {@code standardize}; errors say what is wrong. */
    static ScalingRule parse(String text) {
        return new ScalingRule(FeatureScaling.Kind.parse(text), text);
    }

    /** Whether fitting needs the training set's per-feature statistics (min-max and standardize do). */
    public boolean needsStatistics() {
        return kind == FeatureScaling.Kind.MIN_MAX || kind == FeatureScaling.Kind.STANDARDIZE;
    }

    /** This rule fitted to {@code stats} (which only min-max and standardize read; any of the right width do else). */
    public FeatureScaling fit(FeatureStatistics stats) {
        return FeatureScaling.fit(text, stats);
    }
}
