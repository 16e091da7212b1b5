package dev.sparkprop.ml;

import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.spark.SparkTraining;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.StartingTheta;
import dev.sparkprop.train.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * sparkprop's trainer as a Spark ML estimator: {@code fit} on a DataFrame with a {@code features}
 * vector column and a {@code label} column of class indices 0..C-1 runs the same training as the
 * {@code train} command ({@link SparkTraining}) and returns a {@link SparkpropClassificationModel}
 * with a {@link SparkpropTrainingSummary}.
 *
 * <p>The settings are the key table's ({@link ConfigKeys}): one {@code Param<String>} per key,
 * named by {@link ConfigKey#sparkMlName()} ({@code maxIter}, {@code stepSize}, {@code regParam},
 * {@code solver}, {@code validationFraction}, {@code earlyStoppingPatience},
 * {@code checkpointDir}, ..., else the key in camel case), with the key's help and default; keys
 * about files, output, the master and resume have no Param ({@link #NOT_PARAMS}): the DataFrame is
 * the data and {@code fit} returns the model. Spark's {@code validationIndicatorCol} (as its GBTs
 * have) names a boolean column whose true rows are the validation set instead. Typed setters
 * ({@link SparkpropParams}) follow {@code MultilayerPerceptronClassifier}'s names; {@link #setLayers} builds sigmoid hidden
 * layers and a softmax output as MLPC does, and {@link #setNetwork} takes a full spec instead.
 * {@link #initialWeights()} is MLPC's too: a start for Θ in MLPC's layout instead of the seeded one.
 *
 * <p>Defaults are the key table's Spark ML defaults ({@link ConfigKey#sparkMlDefaultText()}):
 * MLPC's where the Param is MLPC's ({@code solver} l-bfgs, {@code maxIter} 100, {@code tol} 1e-6,
 * {@code blockSize} 128, {@code stepSize} 0.03), so MLPC code runs unchanged but for the class name;
 * the command line's elsewhere, so features are not scaled ({@code scaling=none}) unless asked.
 * The labels are C = K classes (2 for one sigmoid output), read as whole numbers 0..C-1; any other
 * value is refused before training, naming the label column and the value.
 *
 * <p>An unfitted estimator saves its Params as Spark's metadata JSON ({@code save(path)}, Spark's
 * {@code DefaultParamsWritable}) and loads with {@link #load(String)}, alone or in a {@code Pipeline}.
 */
public final class SparkpropClassifier
        extends ClassifierBase<SparkpropClassifier, SparkpropClassificationModel>
        implements DefaultParamsWritable, SparkpropParams<SparkpropClassifier> {

    private static final long serialVersionUID = 1L;

    /**
     * Keys without a Param: data files and their layout (the DataFrame replaces them), output and
     * master (fit returns the model in the caller's session), and resume (a fit starts afresh).
     */
    public static final Set<String> NOT_PARAMS = TrainingParams.NOT_PARAMS;

    private final Param<?>[] allParams;
    /** Made on first use: Spark's constructors list the Params by reflection before this class's body runs. */
    private Param<Vector> initialWeights;
    private transient PrintStream log = new PrintStream(OutputStream.nullOutputStream());

    /** An estimator with a fresh identifier. */
    public SparkpropClassifier() {
        this(Identifiable$.MODULE$.randomUID("sparkprop"));
    }

    /** An estimator with Spark's identifier {@code uid} (what {@code copy} calls). */
    public SparkpropClassifier(String uid) {
        super(uid);
        allParams = TrainingParams.appendedTo(this, super.params());
    }

    /** Spark's own Params (columns), one per key of the table and validationIndicatorCol, which reflection would not find. */
    @Override
    public Param<?>[] params() {
        return allParams == null ? super.params() : allParams.clone();
    }

    /**
     * MLPC's {@code initialWeights}: Θ to start from, in MLPC's layout ({@link NetworkSpec#toMlpcWeights}:
     * each layer's weights, column-major, then its biases), instead of the seeded initialization.
     */
    public Param<Vector> initialWeights() {
        if (initialWeights == null) {
            initialWeights = new Param<>(this, "initialWeights", "The weights to start from, in"
                    + " MultilayerPerceptronClassifier's layout (unset: initialized from the seed by init)");
        }
        return initialWeights;
    }

    /** Starts training from {@code weights} (MLPC's layout); its length is checked against the network by fit. */
    public SparkpropClassifier setInitialWeights(Vector weights) {
        set(initialWeights(), weights);
        return this;
    }

    /** The weights training starts from, in MLPC's layout; null when unset (the seeded start). */
    public Vector getInitialWeights() {
        return isDefined(initialWeights()) ? $(initialWeights()) : null;
    }

    /** MLPC's {@code layers}: unit counts from input to output; hidden layers sigmoid, output softmax. */
    public SparkpropClassifier setLayers(int[] layers) {
        return setNetwork(TrainingParams.layersSpec(layers, "softmax"));
    }

    /** Where the training loop prints its line per epoch; by default nowhere. Not a Param: not copied. */
    public SparkpropClassifier setLog(PrintStream log) {
        this.log = log;
        return this;
    }

    @Override
    public SparkpropClassificationModel train(Dataset<?> dataset) {
        TrainConfig config = trainConfig();
        NetworkSpec spec = config.network().spec();
        if (!spec.output().isClassification()) {
            throw new IllegalArgumentException("network=" + spec + ": a classifier needs a softmax, sigmoid or step output");
        }
        LabelIndex labels = LabelIndex.numbered(Math.max(2, spec.outputSize()));
        double[] start = isDefined(initialWeights()) ? startingTheta(spec) : null;
        NetworkFit.Fitted fitted = NetworkFit.run(dataset, config, new NetworkFit.Columns(getFeaturesCol(),
                getLabelCol(), TrainingParams.validationIndicatorColOrNull(this)), labels, start, log);
        SparkpropClassificationModel model = new SparkpropClassificationModel(uid(), fitted.model());
        model.setSummary(fitted.summary());
        return model;
    }

    /** {@link #initialWeights()} as Θ, refused in one line when it does not fit the network. */
    private double[] startingTheta(NetworkSpec spec) {
        double[] weights = $(initialWeights()).toArray();
        if (weights.length != spec.parameterCount()) {
            throw new IllegalArgumentException("initialWeights has " + weights.length + " values; network " + spec
                    + " needs " + spec.parameterCount());
        }
        return StartingTheta.given(spec, spec, spec.fromMlpcWeights(weights), "initialWeights");
    }

    @Override
    public SparkpropClassifier copy(ParamMap extra) {
        SparkpropClassifier copy = defaultCopy(extra);
        return copy.setLog(log);
    }

    /**
     * The reader of a saved estimator: Spark's, which calls {@link #SparkpropClassifier(String)}
     * and sets the saved Params by name. {@code Pipeline.load} finds it by this name.
     */
    public static MLReader<SparkpropClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** The estimator saved at {@code path}, with its Params. */
    public static SparkpropClassifier load(String path) {
        return read().load(path);
    }
}
