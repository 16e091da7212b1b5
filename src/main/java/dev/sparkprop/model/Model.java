package dev.sparkprop.model;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.NetworkSpec;
import java.util.Objects;

/**
 * A network with its weights, and everything needed to use it on new data and to know how it
 * was made: the spec and Θ, the class names, the feature scaling, and its {@link Provenance}.
 * The one in-memory form of a trained (or hand-set) network: the model file, Θ text, the
 * reports and the commands all read and write this.
 *
 * <p><b>The model owns θ.</b> The record keeps the array it is given, not a copy, and
 * {@link #theta()} returns that same array: Θ can be megabytes, and a model is made once, at
 * the end of a run or when a file is read. Whoever builds a model hands θ over and leaves it
 * alone; whoever reads {@code theta()} reads, and copies before changing it.
 *
 * @param spec the network's shape
 * @param theta Θ in the layout of {@link NetworkSpec}; owned by the model, not copied
 * @param labels the class names, or null for regression
 * @param scaling how raw features are scaled before the input layer
 * @param provenance how the model was made
 */
public record Model(NetworkSpec spec, double[] theta, LabelIndex labels, FeatureScaling scaling,
                    Provenance provenance) {

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
        Objects.requireNonNull(provenance, "provenance (Provenance.NONE for none)");
    }

    /**
     * A model of weights alone, as set by hand or read from Θ text: a classifier's classes are
     * named 0..C-1 (C = K, or 2 for one yes/no output), a regression has none; no scaling.
     */
    public static Model of(NetworkSpec spec, double[] theta, Provenance provenance) {
        LabelIndex labels = spec.output().isClassification() ? LabelIndex.numbered(Math.max(2, spec.outputSize()))
                : null;
        return new Model(spec, theta, labels, FeatureScaling.none(spec.inputSize()), provenance);
    }

    /** Θ^(l)_ij by the notes' indices (j = 0 is the bias). */
    double weight(int l, int i, int j) {
        return theta[spec.thetaIndex(l, i, j)];
    }

    /** Θ^(l) as {@code s_{l+1}} rows of {@code s_l + 1} values, bias first: a copy ({@link NetworkSpec#matrix}). */
    public double[][] matrix(int l) {
        return spec.matrix(theta, l);
    }

    /** h_Θ(x') for one example's raw features x, scaled as in training: the K outputs. */
    public double[] predict(double[] rawFeatures) {
        if (rawFeatures.length != spec.inputSize()) {
            throw new IllegalArgumentException("the example has " + rawFeatures.length + " features; the model expects "
                    + spec.inputSize());
        }
        double[] scaled = new double[rawFeatures.length];
        scaling.applyInto(rawFeatures, scaled, 0);
        return new Backprop(spec, 1).predict(theta, scaled);
    }

    /** Whether the model predicts classes. */
    public boolean isClassification() {
        return labels != null;
    }
}
