package dev.sparkprop.ml;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.Datasets;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.SparkTraining;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.TrainConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;

/**
 * sparkprop's trainer as a Spark ML estimator: {@code fit} on a DataFrame with a {@code features}
 * vector column and a {@code label} column of class indices 0..C-1 runs the same training as the
 * {@code train} command ({@link SparkTraining}) and returns a {@link SparkpropClassificationModel}.
 *
 * <p>The settings are the key table's ({@link ConfigKeys}): one {@code Param<String>} per key,
 * named by {@link ConfigKey#sparkMlName()} ({@code maxIter}, {@code stepSize}, {@code regParam},
 * {@code solver}, ..., else the key in camel case), with the key's help and default. Keys about
 * files, output, the cluster, checkpoints and a validation set have no Param ({@link #NOT_PARAMS}):
 * the DataFrame is the data and {@code fit} returns the model. Typed setters follow
 * {@code MultilayerPerceptronClassifier}'s names; {@link #setLayers} builds sigmoid hidden layers
 * and a softmax output as MLPC does, and {@link #setNetwork} takes a full spec instead.
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
        extends ProbabilisticClassifier<Vector, SparkpropClassifier, SparkpropClassificationModel>
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /**
     * Keys without a Param: data files and their layout (the DataFrame replaces them), output and
     * master (fit returns the model in the caller's session), checkpoints and resume, and the
     * validation set with early stopping (not in this estimator yet).
     */
    public static final Set<String> NOT_PARAMS = Set.of("train", "test", "validation", "format", "features",
            "label-column", "output", "overwrite", "master", "checkpoint-dir", "checkpoint-steps", "checkpoint-epochs",
            "checkpoint-keep", "resume", "validation-fraction", "early-stopping-patience", "early-stopping-min-delta");

    /** What {@link TrainConfig} records for its required {@code train} and {@code output} keys on a fit. */
    static final String DATA_FRAME = "(DataFrame)";

    private final String uid;
    /** Each key's Param, by Spark ML name, in the key table's order. */
    private final Map<String, KeyParam> keyParams = new LinkedHashMap<>();
    private final Param<?>[] allParams;
    /** Made on first use: Spark's constructors list the Params by reflection before this class's body runs. */
    private Param<Vector> initialWeights;
    private transient PrintStream log = new PrintStream(OutputStream.nullOutputStream());

    private record KeyParam(ConfigKey<?> key, Param<String> param) implements Serializable {
    }

    /** An estimator with a fresh identifier. */
    public SparkpropClassifier() {
        this(Identifiable$.MODULE$.randomUID("sparkprop"));
    }

    /** An estimator with Spark's identifier {@code uid} (what {@code copy} calls). */
    public SparkpropClassifier(String uid) {
        this(EarlyUid.hold(uid), true);
    }

    /** {@code uid} is held for Spark's own Params, made before this body runs ({@link EarlyUid}). */
    private SparkpropClassifier(String uid, boolean held) {
        this.uid = uid;
        EarlyUid.release();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!NOT_PARAMS.contains(key.name())) {
                Param<String> param = new Param<>(this, key.sparkMlName(), key.help() + " (config key " + key.name() + ")");
                keyParams.put(key.sparkMlName(), new KeyParam(key, param));
                if (key.sparkMlDefaultText() != null) {
                    setDefault(param, key.sparkMlDefaultText());
                }
            }
        }
        Param<?>[] inherited = super.params();
        allParams = Arrays.copyOf(inherited, inherited.length + keyParams.size());
        int i = inherited.length;
        for (KeyParam keyParam : keyParams.values()) {
            allParams[i++] = keyParam.param();
        }
    }

    @Override
    public String uid() {
        return uid != null ? uid : EarlyUid.held();
    }

    /** Spark's own Params (columns) and one per key of the table, which reflection would not find. */
    @Override
    public Param<?>[] params() {
        return allParams == null ? super.params() : allParams.clone();
    }

    /**
     * Sets the Param {@code sparkMlName} (e.g. {@code stepSize}, {@code dropout}) to {@code value},
     * checked by its key now, so a bad value is refused here with the key and value quoted.
     */
    public SparkpropClassifier set(String sparkMlName, String value) {
        KeyParam keyParam = keyParamNamed(sparkMlName);
        keyParam.key().parse(value);
        set(keyParam.param(), value.trim());
        return this;
    }

    /** The Param of a key by its Spark ML name, e.g. {@code keyParam("stepSize")}, typed for {@code $} and {@code set}. */
    public Param<String> keyParam(String sparkMlName) {
        return keyParamNamed(sparkMlName).param();
    }

    private KeyParam keyParamNamed(String sparkMlName) {
        KeyParam keyParam = keyParams.get(sparkMlName);
        if (keyParam == null) {
            throw new IllegalArgumentException("no sparkprop Param '" + sparkMlName + "'; they are "
                    + String.join(", ", keyParams.keySet()));
        }
        return keyParam;
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
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers=" + Arrays.toString(layers) + ": needs an input and an output layer");
        }
        StringJoiner spec = new StringJoiner("-");
        spec.add(Integer.toString(layers[0]));
        for (int l = 1; l < layers.length; l++) {
            spec.add(layers[l] + (l == layers.length - 1 ? ":softmax" : ":sigmoid"));
        }
        return setNetwork(spec.toString());
    }

    /** The whole network as a spec, e.g. {@code 4-8:tanh-3:softmax} ({@link NetworkSpec#parse}). */
    public SparkpropClassifier setNetwork(String spec) {
        return set(ConfigKeys.NETWORK.sparkMlName(), spec);
    }

    /** Epochs (iterations for L-BFGS). */
    public SparkpropClassifier setMaxIter(int epochs) {
        return set(ConfigKeys.EPOCHS.sparkMlName(), Integer.toString(epochs));
    }

    /** The learning rate α. */
    public SparkpropClassifier setStepSize(double learningRate) {
        return set(ConfigKeys.LEARNING_RATE.sparkMlName(), Double.toString(learningRate));
    }

    /** The L2 weight λ. */
    public SparkpropClassifier setRegParam(double lambda) {
        return set(ConfigKeys.LAMBDA.sparkMlName(), Double.toString(lambda));
    }

    /** The seed of initialization and of every shuffle. */
    public SparkpropClassifier setSeed(long seed) {
        return set(ConfigKeys.SEED.sparkMlName(), Long.toString(seed));
    }

    /** L-BFGS's convergence tolerance: it stops once J changes by at most this fraction of the first J. */
    public SparkpropClassifier setTol(double tolerance) {
        return set(ConfigKeys.LBFGS_TOLERANCE.sparkMlName(), Double.toString(tolerance));
    }

    /** Examples per matrix-multiply block inside a task. */
    public SparkpropClassifier setBlockSize(int examples) {
        return set(ConfigKeys.BLOCK_SIZE.sparkMlName(), Integer.toString(examples));
    }

    /** Examples per gradient step; 0 = all. */
    public SparkpropClassifier setBatchSize(int examples) {
        return set(ConfigKeys.BATCH_SIZE.sparkMlName(), Integer.toString(examples));
    }

    /** The optimizer: MLPC's {@code l-bfgs} and {@code gd}, or sparkprop's sgd, momentum, nesterov, adam, lbfgs. */
    public SparkpropClassifier setSolver(String solver) {
        String name = switch (solver.trim()) {
            case "l-bfgs" -> "lbfgs";
            case "gd" -> "sgd";
            default -> solver;
        };
        return set(ConfigKeys.OPTIMIZER.sparkMlName(), name);
    }

    /** Where the training loop prints its line per epoch; by default nowhere. Not a Param: not copied. */
    public SparkpropClassifier setLog(PrintStream log) {
        this.log = log;
        return this;
    }

    /** The run these Params describe, as the key table reads it. */
    public TrainConfig trainConfig() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put(ConfigKeys.TRAIN.name(), DATA_FRAME);
        given.put(ConfigKeys.OUTPUT.name(), DATA_FRAME);
        for (KeyParam keyParam : keyParams.values()) {
            if (isDefined(keyParam.param())) {
                given.put(keyParam.key().name(), $(keyParam.param()));
            }
        }
        return TrainConfig.fromMap(given);
    }

    @Override
    public SparkpropClassificationModel train(Dataset<?> dataset) {
        long fitStart = System.nanoTime();
        TrainConfig config = trainConfig();
        NetworkSpec spec = config.network().spec();
        if (!spec.output().isClassification()) {
            throw new IllegalArgumentException("network=" + spec + ": a classifier needs a softmax, sigmoid or step output");
        }
        int classes = Math.max(2, spec.outputSize());
        double[] start = isDefined(initialWeights()) ? startingTheta(spec) : null;
        DataFrameRows.checkLabels(dataset, getLabelCol(), classes);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        SparkTraining training = new SparkTraining(sc, config, log);
        JavaRDD<RawExample> rows = DataFrameRows.of(dataset, getFeaturesCol(), getLabelCol());
        rows.persist(StorageLevel.MEMORY_AND_DISK());
        FeatureScaling scaling = Datasets.fitScaling(rows, config.data().scaling(), spec.inputSize(),
                config.spark().treeDepth());
        LabelIndex labels = LabelIndex.numbered(classes);
        CachedExamples examples = CachedExamples.build(rows, new ExampleEncoder(spec.outputSize(), labels, scaling),
                training.partitions());
        rows.unpersist(false);
        try {
            double[] theta = (start == null ? training.train(examples, null, null)
                    : training.train(start, examples, null, null)).theta();
            // The seconds of the whole fit, as the train command records its own.
            Provenance provenance = Provenance.now(config.toMap(), sc.version()).withMetrics(
                    Map.of("seconds", String.valueOf(PassMetrics.round((System.nanoTime() - fitStart) / 1e9))));
            return new SparkpropClassificationModel(uid, new Model(spec, theta, labels, scaling, provenance));
        } catch (IOException e) { // only checkpoints write, and a fit has none
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            examples.release();
        }
    }

    /** {@link #initialWeights()} as Θ, refused in one line when it does not fit the network. */
    private double[] startingTheta(NetworkSpec spec) {
        double[] weights = $(initialWeights()).toArray();
        if (weights.length != spec.parameterCount()) {
            throw new IllegalArgumentException("initialWeights has " + weights.length + " values; network " + spec
                    + " needs " + spec.parameterCount());
        }
        try {
            return spec.checkTheta(spec.fromMlpcWeights(weights));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("initialWeights: " + e.getMessage(), e);
        }
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
