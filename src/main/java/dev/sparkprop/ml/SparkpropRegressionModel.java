package dev.sparkprop.ml;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.Output;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A trained sparkprop network with one linear output as a Spark ML regression model:
 * {@code transform} adds {@code prediction}, the network's output h_Θ(x), to a DataFrame with a
 * {@code features} vector column, row by row on the executors.
 *
 * <p>The features are scaled as in training ({@link FeatureScaling}) before the forward pass.
 * Spark ships this object to the executors inside its UDF, so it holds the model's serializable
 * parts (spec, Θ, scaling); the provenance and the training summary stay on the driver.
 *
 * <p>{@code save(path)} and {@link #load(String)} use Spark's directory layout with the sparkprop
 * model file as the data ({@link NetworkModelWriter}), alone or inside a {@code PipelineModel}.
 */
public final class SparkpropRegressionModel extends RegressionModel<Vector, SparkpropRegressionModel>
        implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainedNetwork network;

    /** Wraps {@code model}, a network with one linear output, under Spark's identifier {@code uid}. */
    public SparkpropRegressionModel(String uid, Model model) {
        this(EarlyUid.hold(uid), model, true);
    }

    /** {@code uid} is held for Spark's own Params, made before this body runs ({@link EarlyUid}). */
    private SparkpropRegressionModel(String uid, Model model, boolean held) {
        EarlyUid.release();
        if (model.spec().output() != Output.LINEAR || model.spec().outputSize() != 1) {
            throw new IllegalArgumentException("network=" + model.spec() + ": a regression model needs one linear"
                    + " output unit");
        }
        this.uid = uid;
        this.network = new TrainedNetwork(model);
    }

    @Override
    public String uid() {
        return uid != null ? uid : EarlyUid.held();
    }

    /** The trained network as sparkprop's own {@link Model} (Θ is shared, not copied). */
    public Model model() {
        return network.model();
    }

    /** The unit counts s_1..s_L, input first. */
    public int[] layers() {
        return network.layers();
    }

    @Override
    public int numFeatures() {
        return network.spec().inputSize();
    }

    /** The network's output for one example's raw features. */
    @Override
    public double predict(Vector features) {
        return network.outputs(features)[0];
    }

    /** Whether this model was just fitted, and so has a {@link #summary()}; one built from a saved model has none. */
    public boolean hasSummary() {
        return network.hasSummary();
    }

    /** How the fit went: per-epoch history (cost and RMSE), final metrics, timing split, early stopping. */
    public SparkpropTrainingSummary summary() {
        return network.summary(getClass());
    }

    /** This model, with the summary of the fit that made it. */
    SparkpropRegressionModel withSummary(SparkpropTrainingSummary summary) {
        network.setSummary(summary);
        return this;
    }

    /** A copy with {@code extra} Params; the training summary goes with it, as with Spark's own models. */
    @Override
    public SparkpropRegressionModel copy(ParamMap extra) {
        SparkpropRegressionModel copy = copyValues(new SparkpropRegressionModel(uid, model()), extra);
        return copy.withSummary(network.summaryOrNull()).setParent(parent());
    }

    /** Spark's metadata (the Params) and the sparkprop model file, under one directory. */
    @Override
    public MLWriter write() {
        return new NetworkModelWriter(this, model());
    }

    /** The reader of what {@link #write()} saved; {@code PipelineModel.load} finds it by this name. */
    public static MLReader<SparkpropRegressionModel> read() {
        return new NetworkModelReader<>(SparkpropRegressionModel.class, SparkpropRegressionModel::new);
    }

    /** The model saved at {@code path}; a corrupt data file is refused in one line naming it. */
    public static SparkpropRegressionModel load(String path) {
        return read().load(path);
    }
}
