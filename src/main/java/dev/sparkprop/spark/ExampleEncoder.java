package dev.sparkprop.spark;

import dev.sparkprop.data.DataFormatException;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import java.io.Serializable;

/**
 * Turns a parsed row into a column of a block: its features scaled as training fitted them, and
 * its target y as the output layer wants it: one-hot over K classes, a single 0/1 for a yes/no
 * sigmoid output, or the real value for regression. A label that does not fit is refused with
 * the row's file and line.
 *
 * @param outputs K, the output units
 * @param labels the classes, or null for regression
 * @param scaling the feature scaling
 */
public record ExampleEncoder(int outputs, LabelIndex labels, FeatureScaling scaling) implements Serializable {

    /** The encoder of data for {@code model}: its class names and feature scaling. */
    public static ExampleEncoder of(Model model) {
        return new ExampleEncoder(model.spec().outputSize(), model.labels(), model.scaling());
    }

    /** Whether the targets are classes. */
    public boolean isClassification() {
        return labels != null;
    }

    /** Writes the example's scaled features at {@code featureOffset} and its target at {@code targetOffset}. */
    public void encodeInto(RawExample example, double[] features, int featureOffset,
                           double[] targets, int targetOffset) {
        checkWidth(example);
        scaling.applyInto(example.features(), features, featureOffset);
        encodeTargetInto(example, targets, targetOffset);
    }

    /**
     * Writes the example's non-zero features, scaled, as one compressed row: their 0-based
     * features into {@code columns} and values into {@code values}, from {@code at}, ascending;
     * its target at {@code targetOffset}. Returns how many were written ({@link
     * RawExample#nonZeroCount()}). The scaling must keep zeros ({@link FeatureScaling#keepsZeros()}).
     */
    public int encodeSparseInto(RawExample example, int[] columns, double[] values, int at,
                                double[] targets, int targetOffset) {
        int written = encodeSparseFeaturesInto(example, columns, values, at);
        encodeTargetInto(example, targets, targetOffset);
        return written;
    }

    /** As {@link #encodeSparseInto} without the target: for rows that are only scored. */
    public int encodeSparseFeaturesInto(RawExample example, int[] columns, double[] values, int at) {
        checkWidth(example);
        int[] indices = example.indices();
        double[] stored = example.values();
        int written = 0;
        for (int k = 0; k < stored.length; k++) {
            if (stored[k] != 0.0) {
                int feature = indices == null ? k : indices[k];
                columns[at + written] = feature;
                values[at + written++] = scaling.scale(feature, stored[k]);
            }
        }
        return written;
    }

    private void checkWidth(RawExample example) {
        if (example.featureCount() != scaling.featureCount()) {
            throw new DataFormatException(example.source(), example.line(), "the row has "
                    + example.featureCount() + " features; the network's input layer has " + scaling.featureCount());
        }
    }

    private void encodeTargetInto(RawExample example, double[] targets, int targetOffset) {
        if (labels == null) {
            targets[targetOffset] = regressionTarget(example);
            return;
        }
        int classIndex;
        try {
            classIndex = labels.indexOf(example.label());
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(example.source(), example.line(), e.getMessage());
        }
        if (outputs == 1) {
            targets[targetOffset] = classIndex;
        } else {
            for (int k = 0; k < outputs; k++) {
                targets[targetOffset + k] = k == classIndex ? 1.0 : 0.0;
            }
        }
    }

    private static double regressionTarget(RawExample example) {
        try {
            double value = Double.parseDouble(example.label());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the row's place
        }
        throw new DataFormatException(example.source(), example.line(), "regression target '"
                + example.label() + "' is not a finite number");
    }
}
