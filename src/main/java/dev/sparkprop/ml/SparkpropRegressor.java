package dev.sparkprop.ml;

import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Output;
import dev.sparkprop.spark.SparkTraining;
import dev.sparkprop.train.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * sparkprop's trainer for regression as a Spark ML estimator: a network whose output is one
 * linear unit, trained on squared error ({@code linear} in a spec, {@link Output#LINEAR}).
 * {@code fit} on a DataFrame with a {@code features} vector column and a {@code label} column of
 * real numbers runs the same training as the {@code train} command ({@link SparkTraining}) and
 * returns a {@link SparkpropRegressionModel} with a {@link SparkpropTrainingSummary} (cost and
 * RMSE per epoch).
 *
 * <p>The Params are the classifier's ({@link SparkpropClassifier}): one per key of the table, and
 * {@code validationIndicatorCol}, with the same typed setters ({@link SparkpropParams}).
 * {@link #setLayers} builds sigmoid hidden layers and one linear output; {@link #setNetwork} takes a
 * full spec such as {@code 3-8:tanh-1:linear}. Features are not scaled unless asked
 * ({@code set("scaling", "standardize")}, or a {@code StandardScaler} stage).
 * A label that is null, NaN or infinite is refused before training, naming the column and value.
 * Defaults are the classifier's Spark ML defaults (MLPC's for {@code solver}, {@code maxIter},
 * {@code tol}, {@code blockSize}, {@code stepSize}). The estimator saves its Params like the
 * classifier ({@code save(path)}, {@link #load(String)}).
 */
public final class SparkpropRegressor extends RegressorBase<SparkpropRegressor, SparkpropRegressionModel>
        implements DefaultParamsWritable, SparkpropParams<SparkpropRegressor> {

    private static final long serialVersionUID = 1L;

    private final Param<?>[] allParams;
    private transient PrintStream log = new PrintStream(OutputStream.nullOutputStream());

    /** An estimator with a fresh identifier. */
    public SparkpropRegressor() {
        this(Identifiable$.MODULE$.randomUID("sparkpropReg"));
    }

    /** An estimator with Spark's identifier {@code uid} (what {@code copy} calls). */
    public SparkpropRegressor(String uid) {
        super(uid);
        allParams = TrainingParams.appendedTo(this, super.params());
    }

    /** Spark's own Params (columns), one per key of the table and validationIndicatorCol, which reflection would not find. */
    @Override
    public Param<?>[] params() {
        return allParams == null ? super.params() : allParams.clone();
    }

    /** Unit counts from input to output, the output 1: hidden layers sigmoid, the output linear. */
    public SparkpropRegressor setLayers(int[] layers) {
        if (layers.length >= 2 && layers[layers.length - 1] != 1) {
            throw new IllegalArgumentException("layers=" + Arrays.toString(layers) + ": a regressor's output layer has"
                    + " 1 unit");
        }
        return setNetwork(TrainingParams.layersSpec(layers, "linear"));
    }

    /** Where the training loop prints its line per epoch; by default nowhere. Not a Param: not copied. */
    public SparkpropRegressor setLog(PrintStream log) {
        this.log = log;
        return this;
    }

    @Override
    public SparkpropRegressionModel train(Dataset<?> dataset) {
        TrainConfig config = trainConfig();
        NetworkSpec spec = config.network().spec();
        if (spec.output() != Output.LINEAR || spec.outputSize() != 1) {
            throw new IllegalArgumentException("network=" + spec + ": a regressor needs one linear output unit, e.g. "
                    + spec.inputSize() + "-8:sigmoid-1:linear");
        }
        NetworkFit.Fitted fitted = NetworkFit.run(dataset, config, new NetworkFit.Columns(getFeaturesCol(),
                getLabelCol(), TrainingParams.validationIndicatorColOrNull(this)), null, null, log);
        SparkpropRegressionModel model = new SparkpropRegressionModel(uid(), fitted.model());
        model.setSummary(fitted.summary());
        return model;
    }

    @Override
    public SparkpropRegressor copy(ParamMap extra) {
        SparkpropRegressor copy = defaultCopy(extra);
        return copy.setLog(log);
    }

    /** The reader of a saved estimator: Spark's, which sets the saved Params by name. */
    public static MLReader<SparkpropRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /** The estimator saved at {@code path}, with its Params. */
    public static SparkpropRegressor load(String path) {
        return read().load(path);
    }
}
