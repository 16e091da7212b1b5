package dev.sparkprop.model;

import dev.sparkprop.nn.Network;
import dev.sparkprop.nn.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network with everything needed to use it on new data and to know how it was made:
 * the spec and Θ, the class names, the feature scaling, and a record of the run (resolved
 * config, seed, data paths, versions, date, final metrics) as ordered key/value pairs.
 *
 * @param spec the network's shape
 * @param theta Θ in the layout of {@link NetworkSpec}
 * @param labels the class names, or null for regression
 * @param scaling how raw features are scaled before the input layer
 * @param info how the model was made: {@code config.*}, {@code metrics.*}, versions, date
 */
public record Model(NetworkSpec spec, double[] theta, LabelIndex labels, FeatureScaling scaling,
                    Map<String, String> info) {

    /** Checks that the parts fit together. */
    public Model {
        spec.checkTheta(theta);
        if (scaling.featureCount() != spec.inputSize()) {
            throw new IllegalArgumentException("scaling is for " + scaling.featureCount()
                    + " features but the input layer has " + spec.inputSize() + " units");
        }
        if (labels != null && labels.size() != Math.max(2, spec.outputSize())) {
            throw new IllegalArgumentException(labels.size() + " class names for " + spec.outputSize() + " outputs");
        }
        info = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /** The network part, for prediction and inspection. */
    public Network network() {
        return Network.of(spec, theta);
    }

    /** h_Θ(x') for one example's raw features x, scaled as in training: the K outputs. */
    public double[] predict(double[] rawFeatures) {
        if (rawFeatures.length != spec.inputSize()) {
            throw new IllegalArgumentException("the example has " + rawFeatures.length + " features; the model expects "
                    + spec.inputSize());
        }
        double[] scaled = new double[rawFeatures.length];
        scaling.applyInto(rawFeatures, scaled, 0);
        return network().predict(scaled);
    }

    /** Whether the model predicts classes. */
    public boolean isClassification() {
        return labels != null;
    }
}
