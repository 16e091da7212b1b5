package dev.sparkprop.ml;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.NetworkSpec;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;

/**
 * What both Spark ML models hold ({@link SparkpropClassificationModel}, {@link SparkpropRegressionModel}):
 * the trained network's serializable parts (spec, Θ, labels, scaling), which Spark ships to the
 * executors inside the models' UDFs, and the driver-only provenance, which stays behind. It lives
 * here once because the two models extend different Spark base classes
 * ({@code ProbabilisticClassificationModel}, {@code RegressionModel}); their summary lives in
 * {@code HasFitSummary}.
 */
final class TrainedNetwork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    private final double[] theta;
    private final LabelIndex labels;
    private final FeatureScaling scaling;
    private final transient Provenance provenance;

    /** The parts of {@code model}; Θ is shared, not copied. */
    TrainedNetwork(Model model) {
        this.spec = model.spec();
        this.theta = model.theta();
        this.labels = model.labels();
        this.scaling = model.scaling();
        this.provenance = model.provenance();
    }

    NetworkSpec spec() {
        return spec;
    }

    double[] theta() {
        return theta;
    }

    LabelIndex labels() {
        return labels;
    }

    /** The trained network as sparkprop's own {@link Model} (Θ is shared, not copied). */
    Model model() {
        return new Model(spec, theta, labels, scaling, provenance == null ? Provenance.NONE : provenance);
    }

    /** The unit counts s_1..s_L, input first. */
    int[] layers() {
        return spec.sizes().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The output layer's values h_Θ(x) for one example's raw features, scaled as in training. */
    double[] outputs(Vector features) {
        double[] raw = features.toArray();
        if (raw.length != spec.inputSize()) {
            throw new IllegalArgumentException("the example has " + raw.length + " features; the model expects "
                    + spec.inputSize());
        }
        double[] scaled = new double[raw.length];
        scaling.applyInto(raw, scaled, 0);
        return new Backprop(spec, 1).predict(theta, scaled);
    }
}
