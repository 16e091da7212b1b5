package dev.sparkprop.ml;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Output;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A trained sparkprop network as a Spark ML classification model: {@code transform} adds
 * {@code rawPrediction} (the output layer's values), {@code probability} and {@code prediction}
 * (the class index 0..C-1) to a DataFrame with a {@code features} vector column.
 *
 * <p>The features are scaled as in training ({@link FeatureScaling}) before the forward pass.
 * A single sigmoid (or step) output is a yes/no classifier: its raw prediction is
 * {@code [1 - h, h]}. Softmax outputs are already probabilities; K sigmoid outputs are divided by
 * their sum.
 *
 * <p>Spark ships this object to the executors inside its UDFs, so it holds the model's
 * serializable parts (spec, Θ, labels, scaling); the provenance stays on the driver.
 *
 * <p>A model returned by {@code fit} has a {@link SparkpropTrainingSummary}: how the fit went
 * (per-epoch cost and accuracy, final metrics, timing split, early stopping), from {@code hasSummary()}
 * and {@code summary()} of its base ({@code SparkMlBases.scala}); its copies share it.
 *
 * <p>{@code save(path)} / {@code write().overwrite().save(path)} and {@link #load(String)} use
 * Spark's directory layout with the sparkprop model file as the data ({@link NetworkModelWriter}),
 * so the model saves and loads inside a {@code PipelineModel} too.
 */
public final class SparkpropClassificationModel
        extends ClassificationModelBase<SparkpropClassificationModel, SparkpropTrainingSummary> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final TrainedNetwork network;

    /** Wraps {@code model}, a classifier, under Spark's identifier {@code uid}. */
    public SparkpropClassificationModel(String uid, Model model) {
        super(uid);
        if (!model.isClassification()) {
            throw new IllegalArgumentException("network=" + model.spec() + ": a regression network is not a classifier");
        }
        this.network = new TrainedNetwork(model);
    }

    /** The trained network as sparkprop's own {@link Model} (Θ is shared, not copied). */
    public Model model() {
        return network.model();
    }

    /** The unit counts s_1..s_L, input first: MLPC's {@code layers}. */
    public int[] layers() {
        return network.layers();
    }

    /**
     * MLPC's {@code weights}: Θ in MLPC's layout ({@link NetworkSpec#toMlpcWeights}: each layer's
     * weights, column-major, then its biases), a copy. {@link #model()} has Θ in sparkprop's layout.
     */
    public Vector weights() {
        return Vectors.dense(network.spec().toMlpcWeights(network.theta()));
    }

    @Override
    public int numFeatures() {
        return network.spec().inputSize();
    }

    @Override
    public int numClasses() {
        return network.labels().size();
    }

    /** The output layer's values for one example's raw features; {@code [1 - h, h]} for one output. */
    @Override
    public Vector predictRaw(Vector features) {
        double[] outputs = network.outputs(features);
        return outputs.length == 1 ? Vectors.dense(1 - outputs[0], outputs[0]) : Vectors.dense(outputs);
    }

    /** Softmax outputs and {@code [1 - h, h]} are probabilities already; other outputs are divided by their sum. */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (network.spec().output() == Output.SOFTMAX || network.spec().outputSize() == 1) {
            return rawPrediction;
        }
        double[] values = ((DenseVector) rawPrediction).values();
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        if (sum > 0) {
            for (int k = 0; k < values.length; k++) {
                values[k] /= sum;
            }
        }
        return rawPrediction;
    }

    /**
     * Spark's, restated: Scala compiles this method into both base classes with different generic
     * return types, which javac refuses to inherit together; the raw type is their common erasure.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /** A copy with {@code extra} Params; the training summary goes with it, as with Spark's own models. */
    @Override
    public SparkpropClassificationModel copy(ParamMap extra) {
        return copied(new SparkpropClassificationModel(uid(), model()), extra);
    }

    /** Spark's metadata (the Params) and the sparkprop model file, under one directory. */
    @Override
    public MLWriter write() {
        return new NetworkModelWriter(this, model());
    }

    /** The reader of what {@link #write()} saved; {@code PipelineModel.load} finds it by this name. */
    public static MLReader<SparkpropClassificationModel> read() {
        return new NetworkModelReader<>(SparkpropClassificationModel.class, SparkpropClassificationModel::new);
    }

    /** The model saved at {@code path}; a corrupt data file is refused in one line naming it. */
    public static SparkpropClassificationModel load(String path) {
        return read().load(path);
    }
}
