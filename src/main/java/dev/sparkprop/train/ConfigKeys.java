package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKey.key;

import dev.sparkprop.data.DataFormat;
import dev.sparkprop.train.ConfigKey.Group;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.LearningRateSchedule;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Optimizers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The table of config keys: the only list of a training run's settings. The long options of
 * {@code train}, the config-file reader, the printed resolved config, the model header's
 * {@code config.*} entries and checkpoint compatibility are all built from {@link #ALL}. Adding a
 * setting means adding a constant here (and to {@code ALL}) and reading it where it is used, with
 * {@link TrainConfig#get} or a group accessor.
 *
 * <p>Where Spark's {@code MultilayerPerceptronClassifier} (MLPC) has a Param of the same name and
 * meaning, the Spark ML Param takes MLPC's default ({@link ConfigKey#sparkMlDefaultText()}):
 * {@code solver} l-bfgs, {@code maxIter} 100, {@code tol} 1e-6 (L-BFGS's tolerance there), {@code blockSize} 128,
 * {@code stepSize} 0.03 (MLPC's {@code gd} is full-batch descent with a constant step, as
 * {@code sgd} with {@code batch-size=0} is). Code written for MLPC then trains as MLPC does when
 * only the class name changes, while the command line keeps its own defaults.
 *
 * <p>{@code ALL} is in the order the resolved config is printed, which older model headers also
 * follow. Values that only make sense together (early stopping and a validation set, L-BFGS and
 * full batches, dropout rates and hidden layers) are checked by {@link TrainConfig}.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Spark's {@code layers} holds only sizes; a spec also names activations and the output's cost. */
    public static final ConfigKey<NetworkSpec> NETWORK = key("network", Group.NETWORK)
            .help("SPEC", "Layers from input to output, e.g. 784-256:relu-10:softmax.")
            .required("is required, e.g. 784-256:relu-10:softmax").changesPath().parsed(ConfigKeys::trainableNetwork);
    public static final ConfigKey<String> TRAIN = key("train", Group.DATA)
            .help("PATH", "Training data (LIBSVM, CSV or Parquet; .gz is read as is).")
            .required("is required: the training data path").changesPath().text();
    public static final ConfigKey<String> TEST = key("test", Group.DATA)
            .help("PATH", "Test data, evaluated once at the end.")
            .text();
    public static final ConfigKey<String> VALIDATION = key("validation", Group.DATA)
            .help("PATH", "Validation data, evaluated after every epoch.")
            .text();
    /** Empty for {@code auto}: each path's format is told from its name. */
    public static final ConfigKey<Optional<DataFormat>> FORMAT = key("format", Group.DATA)
            .help("FORMAT", "auto, libsvm, csv or parquet.")
            .byDefault("auto").changesPath().parsed(ConfigKeys::format);
    public static final ConfigKey<Integer> FEATURES = key("features", Group.DATA)
            .help("N", "Features per example; -1 takes the input layer's size.")
            .byDefault("-1").sparkMl("numFeatures")
            .integer(n -> n == -1 || n >= 1, "must be >= 1 (or -1: the input layer's size)");
    public static final ConfigKey<String> LABEL_COLUMN = key("label-column", Group.DATA)
            .help("NAME", "CSV/Parquet label column (unset: CSV's first, Parquet's label).")
            .changesPath().sparkMl("labelCol").text();
    public static final ConfigKey<ScalingRule> SCALING = key("scaling", Group.DATA)
            .help("RULE", "none, divide:C (e.g. divide:255), min-max or standardize.")
            .byDefault("none").changesPath().parsed(ScalingRule::parse);
    public static final ConfigKey<Integer> EPOCHS = key("epochs", Group.UPDATE)
            .help("N", "Passes over the training data.")
            .byDefault("10").sparkMl("maxIter").sparkMlDefault("100").integer(n -> n >= 1, "must be >= 1");
    public static final ConfigKey<Integer> BATCH_SIZE = key("batch-size", Group.UPDATE)
            .help("N", "Examples per gradient step; 0 = all (batch gradient descent).")
            .byDefault("0").changesPath().integer(n -> n >= 0, "must be >= 1, or 0 for the whole training set");
    public static final ConfigKey<Double> LEARNING_RATE = key("learning-rate", Group.UPDATE)
            .help("ALPHA", "Step size α.")
            .byDefault("0.1").changesPath().sparkMl("stepSize").sparkMlDefault("0.03").checkedNumber(Optimizers::requireLearningRate);
    public static final ConfigKey<Double> LAMBDA = key("lambda", Group.UPDATE)
            .help("LAMBDA", "L2 weight λ (biases excluded).")
            .byDefault("0").changesPath().sparkMl("regParam")
            .checkedNumber(value -> Objective.requireWeight("lambda", value));
    /**
     * The scheme alone, or empty for {@code theta:FILE}, Θ given as text (read by {@link StartingTheta});
     * {@link NetworkSettings#init()} adds {@code init-bias}.
     */
    public static final ConfigKey<Optional<Initialization>> INIT = key("init", Group.NETWORK)
            .help("SCHEME", "uniform, uniform:EPSILON, uniform-fan, xavier, he, zeros, or theta:FILE (Θ as text,"
                    + " theta export's layout).")
            .byDefault("uniform").changesPath().parsed(ConfigKeys::init);
    public static final ConfigKey<Double> INIT_BIAS = key("init-bias", Group.NETWORK)
            .help("B", "One constant for every bias (unset: drawn like the weights).")
            .changesPath().number(Double::isFinite, "must be a finite number");
    /**
     * The notes' worked example (Mazur's) trains w1..w8 and holds b1 and b2 where they started;
     * D of every bias is then 0, so no update rule moves them.
     */
    public static final ConfigKey<Boolean> FIXED_BIASES = key("fixed-biases", Group.NETWORK)
            .help("BOOL", "Hold every bias at its starting value; train the weights alone.")
            .byDefault("false").changesPath().bool();
    /** Warm start and fine-tuning: Θ from a saved model whose layer sizes are the network's. */
    public static final ConfigKey<String> INITIAL_MODEL = key("initial-model", Group.NETWORK)
            .help("DIR", "Start from this saved model's Θ (a model file or train output directory) instead of init.")
            .changesPath().text();
    public static final ConfigKey<Long> SEED = key("seed", Group.RUN)
            .help("N", "Seed of the initialization and of every shuffle.")
            .byDefault("1").changesPath().wholeNumber(n -> true, null);
    public static final ConfigKey<Integer> PARTITIONS = key("partitions", Group.SPARK)
            .help("N", "Partitions (tasks) of the training data; 0 = Spark's default.")
            .byDefault("0").changesPath().sparkMl("numPartitions")
            .integer(n -> n >= 0, "must be >= 1, or 0 for Spark's default parallelism");
    public static final ConfigKey<Integer> TREE_DEPTH = key("tree-depth", Group.SPARK)
            .help("N", "Depth of the treeAggregate that sums gradients.")
            .byDefault("2").sparkMl("aggregationDepth").integer(n -> n >= 1, "must be >= 1");
    /**
     * MLPC's {@code blockSize}: examples stacked into one matrix per GEMM. It changes the speed of a
     * pass, and the rounding of its sums, but not what they mean.
     */
    public static final ConfigKey<Integer> BLOCK_SIZE = key("block-size", Group.SPARK)
            .help("N", "Examples per matrix-multiply block inside a task.")
            .byDefault("256").sparkMlDefault("128").integer(n -> n >= 1, "must be >= 1");
    /**
     * float32 training blocks and passes ({@link Precision}): half the cached bytes and SGEMM's
     * rate; Θ, the optimizer and the sums across blocks stay double.
     */
    public static final ConfigKey<Precision> PRECISION = key("precision", Group.SPARK)
            .help("P", "double, or float: executors cache and compute in float32 (Θ and Δ sums stay double).")
            .byDefault("double").changesPath().parsed(Precision::parse);
    /**
     * Compressed sparse rows for mostly-zero features ({@link Sparsity}): memory proportional to the
     * non-zeros and first-layer products over them; the same sums as dense blocks to rounding.
     */
    public static final ConfigKey<Sparsity> SPARSE = key("sparse", Group.SPARK)
            .help("MODE", "auto, true or false: cache the training blocks as compressed sparse rows (auto: when"
                    + " under 2% of the features are non-zero); the first layer then multiplies over the non-zeros.")
            .byDefault("auto").parsed(Sparsity::parse);
    /**
     * Spark's storage levels a training set may be cached at, by {@code StorageLevel.fromString}'s
     * names (the {@code spark} package turns the name into the level; its test checks that Spark
     * reads every one). {@code NONE} is left out: uncached blocks would be rebuilt from the source
     * on every step. So is {@code OFF_HEAP}, which needs off-heap memory configured and sized.
     */
    public static final List<String> STORAGE_LEVELS = List.of("MEMORY_AND_DISK", "MEMORY_AND_DISK_2",
            "MEMORY_AND_DISK_SER", "MEMORY_AND_DISK_SER_2", "MEMORY_ONLY", "MEMORY_ONLY_2", "MEMORY_ONLY_SER",
            "MEMORY_ONLY_SER_2", "DISK_ONLY", "DISK_ONLY_2", "DISK_ONLY_3");
    /**
     * Where the cached example blocks live. MEMORY_AND_DISK by default: it is MEMORY_ONLY for as long
     * as the blocks fit (the same speed: deserialized, nothing to decode per step), and once they do
     * not, the blocks that do not fit are written to local disk once and read back each epoch, where
     * MEMORY_ONLY would rebuild every evicted block from its source on every step that needs it. The
     * level never changes the path Θ takes: blocks read back from disk hold the same bits.
     */
    public static final ConfigKey<String> STORAGE_LEVEL = key("storage-level", Group.SPARK)
            .help("LEVEL", "Spark storage level of the cached training blocks: MEMORY_AND_DISK spills what does not"
                    + " fit to disk; MEMORY_ONLY rebuilds evicted blocks from the source; *_SER stores bytes,"
                    + " decoded on every step; DISK_ONLY, ... (Spark's names).")
            .byDefault("MEMORY_AND_DISK").parsed(ConfigKeys::storageLevel);
    public static final ConfigKey<String> MASTER = key("master", Group.SPARK)
            .help("URL", "Spark master (unset: spark-submit's, else local[*]).")
            .text();
    public static final ConfigKey<String> OUTPUT = key("output", Group.OUTPUT)
            .help("DIR", "Directory for the model and metrics.")
            .required("is required: where the model goes").text();
    public static final ConfigKey<Boolean> OVERWRITE = key("overwrite", Group.OUTPUT)
            .help("BOOL", "Replace an existing output directory once training succeeded.")
            .byDefault("false").bool();
    public static final ConfigKey<String> CHECKPOINT_DIR = key("checkpoint-dir", Group.CHECKPOINTS)
            .help("DIR", "Where checkpoints go (unset: none, or the resume directory).")
            .text();
    public static final ConfigKey<Integer> CHECKPOINT_STEPS = key("checkpoint-steps", Group.CHECKPOINTS)
            .help("N", "Checkpoint every N steps; 0 = not by steps.")
            .byDefault("0").integer(n -> n >= 0, "must be >= 0 (0: not by steps)");
    /** Spark's {@code checkpointInterval} counts iterations, which are epochs here, and is off at -1, not 0. */
    public static final ConfigKey<Integer> CHECKPOINT_EPOCHS = key("checkpoint-epochs", Group.CHECKPOINTS)
            .help("N", "Checkpoint every N epochs; 0 = not by epochs (every epoch when a directory is set and"
                    + " neither interval is).")
            .byDefault("0").sparkMl("checkpointInterval").integer(n -> n >= 0, "must be >= 0 (0: not by epochs)");
    public static final ConfigKey<Integer> CHECKPOINT_KEEP = key("checkpoint-keep", Group.CHECKPOINTS)
            .help("N", "How many checkpoints to keep.")
            .byDefault("3").integer(n -> n >= 1, "must be >= 1");
    public static final ConfigKey<String> RESUME = key("resume", Group.CHECKPOINTS)
            .help("DIR", "Continue from the newest readable checkpoint in DIR.")
            .text();
    /**
     * One of {@link Optimizers#NAMES}, exactly as listed there
     * (Spark's {@code solver} values are {@code l-bfgs}, {@code gd}).
     */
    public static final ConfigKey<String> OPTIMIZER = key("optimizer", Group.UPDATE)
            .help("NAME", "sgd, momentum, nesterov, adam, or lbfgs (full batch; epochs = iterations).")
            .byDefault("sgd").changesPath().sparkMl("solver").sparkMlDefault("lbfgs").parsed(Optimizers::name);
    public static final ConfigKey<Double> MOMENTUM = key("momentum", Group.UPDATE)
            .help("MU", "μ of momentum and nesterov, in [0, 1).")
            .byDefault("0.9").changesPath().checkedNumber(value -> Optimizers.requireFraction("momentum", value));
    public static final ConfigKey<Double> BETA1 = key("beta1", Group.UPDATE)
            .help("B1", "Adam's β1, in [0, 1).")
            .byDefault("0.9").changesPath().checkedNumber(value -> Optimizers.requireFraction("beta1", value));
    public static final ConfigKey<Double> BETA2 = key("beta2", Group.UPDATE)
            .help("B2", "Adam's β2, in [0, 1).")
            .byDefault("0.999").changesPath().checkedNumber(value -> Optimizers.requireFraction("beta2", value));
    public static final ConfigKey<Double> EPSILON = key("epsilon", Group.UPDATE)
            .help("EPS", "Adam's ε.")
            .byDefault("1e-8").changesPath().checkedNumber(value -> Optimizers.requirePositive("epsilon", value));
    /**
     * The shape of α over the steps, checked; {@link UpdateSettings#schedule()} is the schedule
     * itself, with {@code learning-rate} and {@code warmup} put in.
     */
    public static final ConfigKey<String> SCHEDULE = key("schedule", Group.UPDATE)
            .help("SHAPE", "constant, step:DROP:EVERY, inverse:GAMMA:POWER or cosine:TOTAL (in steps).")
            .byDefault("constant").changesPath().parsed(ConfigKeys::scheduleShape);
    public static final ConfigKey<Long> WARMUP = key("warmup", Group.UPDATE)
            .help("STEPS", "Linear learning-rate warm-up over this many steps.")
            .byDefault("0").changesPath().wholeNumber(n -> n >= 0, "must be >= 0");
    public static final ConfigKey<Double> CLIP_NORM = key("clip-norm", Group.UPDATE)
            .help("NORM", "Clip the gradient to this global norm; 0 = off.")
            .byDefault("0").changesPath().number(nonNegative(), "must be a finite number >= 0 (0 = off)");
    public static final ConfigKey<Double> L1 = key("l1", Group.UPDATE)
            .help("L1", "λ1 of the L1 term (λ1/m)·Σ|Θ|, biases excluded.")
            .byDefault("0").changesPath().checkedNumber(value -> Objective.requireWeight("l1", value));
    public static final ConfigKey<Integer> LBFGS_MEMORY = key("lbfgs-memory", Group.UPDATE)
            .help("N", "L-BFGS history size.")
            .byDefault("10").integer(n -> n >= 1, "must be >= 1");
    /** Breeze's own test; {@link #TOL}, when set, takes its place, as MLPC's {@code tol} does for its l-bfgs. */
    public static final ConfigKey<Double> LBFGS_TOLERANCE = key("lbfgs-tolerance", Group.UPDATE)
            .help("TOL", "L-BFGS convergence tolerance (tol, when set, is used instead).")
            .byDefault("1e-9").number(positive(), "must be a finite number > 0");
    /**
     * The notes' "repeat until convergence" and MLPC's {@code tol}: stop once an epoch's training
     * cost fell, but by less than this fraction of the previous epoch's (a rise does not stop a run:
     * {@link StoppingSettings}); for L-BFGS, its tolerance.
     */
    public static final ConfigKey<Double> TOL = key("tol", Group.STOPPING)
            .help("TOL", "Stop when an epoch's training cost falls by less than this fraction of the previous"
                    + " epoch's (a rise does not stop; L-BFGS: its tolerance); 0 = off.")
            .byDefault("0").sparkMlDefault("1e-6").number(nonNegative(), "must be a finite number >= 0 (0 = off)");
    /** The rates as written, one or one per hidden layer; {@link NetworkSettings#dropoutRates()} has one per layer. */
    public static final ConfigKey<double[]> DROPOUT = key("dropout", Group.NETWORK)
            .help("RATES", "Probability of dropping a hidden unit in training: one rate, or one per hidden layer"
                    + " (0.2,0.5).")
            .byDefault("0").changesPath().parsed(Dropout::parseList);
    public static final ConfigKey<Integer> EARLY_STOPPING_PATIENCE = key("early-stopping-patience", Group.STOPPING)
            .help("EPOCHS", "Stop after this many epochs without validation improvement and keep the best Θ;"
                    + " 0 = off.")
            .byDefault("0").integer(n -> n >= 0, "must be >= 1 (0 = off)");
    public static final ConfigKey<Double> EARLY_STOPPING_MIN_DELTA = key("early-stopping-min-delta", Group.STOPPING)
            .help("DELTA", "The least validation-cost decrease that counts.")
            .byDefault("0").number(nonNegative(), "must be a finite number >= 0");
    public static final ConfigKey<Double> VALIDATION_FRACTION = key("validation-fraction", Group.DATA)
            .help("F", "Hold out this seeded fraction of the training rows as the validation set (when no"
                    + " validation file).")
            .byDefault("0").changesPath().number(f -> f == 0 || (f > 0 && f < 1), "must be in (0, 1), or 0 for none");

    /** The live training page ({@code ui/}): watching a run changes nothing it computes. */
    public static final ConfigKey<Boolean> UI = key("ui", Group.UI)
            .help("BOOL", "Serve a live training page from the driver while the run goes; its address goes to"
                    + " stderr.")
            .byDefault("false").bool();
    public static final ConfigKey<String> UI_HOST = key("ui-host", Group.UI)
            .help("HOST", "The address the live page listens on (0.0.0.0: every interface).")
            .byDefault("127.0.0.1").text();
    /** As Spark's UI takes 4040 and the next free port, the page takes this one or the next free of 16. */
    public static final ConfigKey<Integer> UI_PORT = key("ui-port", Group.UI)
            .help("PORT", "The live page's first port to try; if taken, the next free one of the 16 after it;"
                    + " 0 = any free port.")
            .byDefault("4050").integer(n -> n >= 0 && n <= 65535, "must be a port in 1..65535, or 0 for any free one");
    public static final ConfigKey<Integer> UI_LINGER = key("ui-linger", Group.UI)
            .help("SECONDS", "How long the live page stays up after the run ends, showing its summary or error.")
            .byDefault("30").integer(n -> n >= 0, "must be >= 0 seconds");

    /** Every key, in the order the resolved config is printed and options are listed. */
    public static final List<ConfigKey<?>> ALL = List.of(NETWORK, TRAIN, TEST, VALIDATION, FORMAT, FEATURES,
            LABEL_COLUMN, SCALING, EPOCHS, BATCH_SIZE, LEARNING_RATE, LAMBDA, INIT, INIT_BIAS, SEED, PARTITIONS,
            TREE_DEPTH, BLOCK_SIZE, MASTER, OUTPUT, OVERWRITE, CHECKPOINT_DIR, CHECKPOINT_STEPS,
            CHECKPOINT_EPOCHS, CHECKPOINT_KEEP, RESUME, OPTIMIZER, MOMENTUM, BETA1, BETA2, EPSILON, SCHEDULE, WARMUP,
            CLIP_NORM, L1, LBFGS_MEMORY, LBFGS_TOLERANCE, DROPOUT, EARLY_STOPPING_PATIENCE, EARLY_STOPPING_MIN_DELTA,
            VALIDATION_FRACTION, FIXED_BIASES, INITIAL_MODEL, TOL, PRECISION, SPARSE, STORAGE_LEVEL, UI, UI_HOST,
            UI_PORT, UI_LINGER);

    private static final Map<String, ConfigKey<?>> BY_NAME = byName();

    /** Every key's name, in {@link #ALL}'s order: what a config file may hold. */
    public static final Set<String> NAMES = BY_NAME.keySet();

    private static Map<String, ConfigKey<?>> byName() {
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        for (ConfigKey<?> key : ALL) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalStateException("config key " + key.name() + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The key called {@code name}, if there is one. */
    public static Optional<ConfigKey<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Predicate<Double> positive() {
        return x -> x > 0 && Double.isFinite(x);
    }

    private static Predicate<Double> nonNegative() {
        return x -> x >= 0 && Double.isFinite(x);
    }

    /** A network to train: backpropagation refuses step hidden units, so the key does too. */
    private static NetworkSpec trainableNetwork(String text) {
        NetworkSpec spec = NetworkSpec.parse(text);
        spec.checkDifferentiable();
        return spec;
    }

    private static Optional<DataFormat> format(String text) {
        if (!text.matches("auto|libsvm|csv|parquet")) {
            throw new IllegalArgumentException("must be one of auto, libsvm, csv, parquet");
        }
        return text.equals("auto") ? Optional.empty() : Optional.of(DataFormat.valueOf(text.toUpperCase(Locale.ROOT)));
    }

    private static String storageLevel(String text) {
        if (!STORAGE_LEVELS.contains(text)) {
            throw new IllegalArgumentException("not a storage level; use one of " + String.join(", ", STORAGE_LEVELS));
        }
        return text;
    }

    /** A scheme, or empty for {@code theta:FILE} (the file is read when the run starts). */
    private static Optional<Initialization> init(String text) {
        if (text.startsWith(StartingTheta.THETA_PREFIX)) {
            if (text.substring(StartingTheta.THETA_PREFIX.length()).isBlank()) {
                throw new IllegalArgumentException("theta: needs a file, e.g. theta:conf/worked-example.theta");
            }
            return Optional.empty();
        }
        return Optional.of(Initialization.parse(text));
    }

    /** The text, once {@link LearningRateSchedule#parse} has read it (at α = 1, no warm-up). */
    private static String scheduleShape(String text) {
        LearningRateSchedule.parse(text, 1.0, 0);
        return text;
    }
}
