package dev.sparkprop.ml;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.Output;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
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
 * <p>A model returned by {@code fit} has a {@link SparkpropTrainingSummary}: how the fit went
 * (per-epoch cost and RMSE, final metrics, timing split, early stopping), from {@code hasSummary()}
 * and {@code summary()} of its base ({@code SparkMlBases.scala}); its copies share it.
 *
 * <p>{@code save(path)} and {@link #load(String)} use Spark's directory layout with the sparkprop
 * model file as the data ({@link NetworkModelWriter}), alone or inside a {@code PipelineModel}.
 */
public final class SparkpropRegressionModel
        extends RegressionModelBase<SparkpropRegressionModel, SparkpropTrainingSummary> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final TrainedNetwork network;

    /** Wraps {@code model}, a network with one linear output, under Spark's identifier {@code uid}. */
    public SparkpropRegressionModel(String uid, Model model) {
        super(uid);
        if (model.spec().output() != Output.LINEAR || model.spec().outputSize() != 1) {
            throw new IllegalArgumentException("network=" + model.spec() + ": a regression model needs one linear"
                    + " output unit");
        }
        this.network = new TrainedNetwork(model);
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

    /** A copy with {@code extra} Params; the training summary goes with it, as with Spark's own models. */
    @Override
    public SparkpropRegressionModel copy(ParamMap extra) {
        return copied(new SparkpropRegressionModel(uid(), model()), extra);
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
