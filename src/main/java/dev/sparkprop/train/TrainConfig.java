package dev.sparkprop.train;

import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Optimizers;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a training run is told, resolved from a config file and flag overrides. Each
 * component is named after its config key / long option (in kebab case), e.g.
 * {@code learningRate} is {@code learning-rate}. Immutable; {@link #toMap()} gives the resolved
 * key/value view that is printed at start and stored with the model.
 *
 * @param network the network spec text, e.g. {@code 784-256:relu-10:softmax}
 * @param train training data path or URI
 * @param test optional test data, evaluated at the end (null for none)
 * @param validation optional validation data, evaluated every epoch (null for none)
 * @param format {@code auto}, {@code libsvm}, {@code csv} or {@code parquet}
 * @param features the feature count, or -1 to take it from the network's input layer
 * @param labelColumn CSV/Parquet label column (null: CSV's first column, Parquet's {@code label})
 * @param scaling {@code none}, {@code divide:C}, {@code min-max} or {@code standardize}
 * @param epochs passes over the training data
 * @param batchSize examples per gradient step over all partitions; 0 = all (batch gradient descent)
 * @param learningRate α
 * @param lambda λ, the L2 weight (biases excluded)
 * @param init initialization scheme text ({@link Initialization#parse})
 * @param initBias a constant for every bias, or null to draw biases like the weights
 * @param seed the seed of initialization and of every shuffle
 * @param partitions how many partitions (and tasks) hold the training data; 0 = Spark's default parallelism
 * @param treeDepth depth of {@code treeAggregate} when summing Δ
 * @param blockSize examples per GEMM block inside a task
 * @param master Spark master; null = {@code local[*]} unless spark-submit set one
 * @param output directory for the model and metrics
 * @param overwrite whether an existing output directory may be replaced (only once training succeeded)
 * @param checkpointDir where checkpoints go (null: none, unless {@code resume} names one)
 * @param checkpointSteps checkpoint every this many steps (0: not by steps)
 * @param checkpointEpochs checkpoint every this many epochs (0: not by epochs; with a directory and
 *     neither set, every epoch)
 * @param checkpointKeep how many checkpoints to keep
 * @param resume a checkpoint directory to continue from (null: start afresh)
 * @param update optimizer, schedule, clipping and L1 ({@link UpdateSettings})
 * @param dropout the probability of dropping each hidden layer's units in training: one rate for
 *     every hidden layer, or one per hidden layer, comma-separated [dropout]
 * @param stopping early stopping and the held-out validation fraction ({@link StoppingSettings})
 */
public record TrainConfig(
        String network, String train, String test, String validation, String format, int features,
        String labelColumn, String scaling, int epochs, int batchSize, double learningRate, double lambda,
        String init, Double initBias, long seed, int partitions, int treeDepth, int blockSize,
        String master, String output, boolean overwrite, String checkpointDir, int checkpointSteps,
        int checkpointEpochs, int checkpointKeep, String resume, UpdateSettings update, String dropout,
        StoppingSettings stopping) implements Serializable {

    /** Checks every value before any Spark job starts; errors quote the key and the value. */
    public TrainConfig {
        require(network != null && !network.isBlank(), "network", network, "is required, e.g. 784-256:relu-10:softmax");
        require(train != null && !train.isBlank(), "train", train, "is required: the training data path");
        require(epochs >= 1, "epochs", epochs, "must be >= 1");
        require(batchSize >= 0, "batch-size", batchSize, "must be >= 1, or 0 for the whole training set");
        Optimizers.requireLearningRate(learningRate);
        Objective.l2(lambda); // the objective checks λ
        require(partitions >= 0, "partitions", partitions, "must be >= 1, or 0 for Spark's default parallelism");
        require(treeDepth >= 1, "tree-depth", treeDepth, "must be >= 1");
        require(blockSize >= 1, "block-size", blockSize, "must be >= 1");
        require(features == -1 || features >= 1, "features", features, "must be >= 1 (or -1: the input layer's size)");
        require(initBias == null || Double.isFinite(initBias), "init-bias", initBias, "must be a finite number");
        require(format != null && format.matches("auto|libsvm|csv|parquet"), "format", format,
                "must be one of auto, libsvm, csv, parquet");
        require(output != null && !output.isBlank(), "output", output, "is required: where the model goes");
        require(checkpointSteps >= 0, "checkpoint-steps", checkpointSteps, "must be >= 0 (0: not by steps)");
        require(checkpointEpochs >= 0, "checkpoint-epochs", checkpointEpochs, "must be >= 0 (0: not by epochs)");
        require(checkpointKeep >= 1, "checkpoint-keep", checkpointKeep, "must be >= 1");
        try {
            NetworkSpec.parse(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network=" + network + ": " + e.getMessage(), e);
        }
        try {
            Dropout.parseRates(dropout, NetworkSpec.parse(network));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dropout=" + dropout + ": " + e.getMessage(), e);
        }
        if (stopping.enabled() && validation == null && stopping.validationFraction() == 0) {
            throw new IllegalArgumentException("early-stopping-patience=" + stopping.patience()
                    + ": early stopping needs a validation set: set validation or validation-fraction");
        }
        if (update.isLbfgs() && (checkpointDir != null || resume != null || !dropout.trim().matches("0(\\.0*)?"))) {
            throw new IllegalArgumentException("optimizer=lbfgs: no checkpoints, resume or dropout (L-BFGS needs the"
                    + " same full-batch cost at every evaluation, and keeps its history inside Breeze)");
        }
        if (update.isLbfgs() && batchSize != 0) {
            throw new IllegalArgumentException("batch-size=" + batchSize + ": optimizer=lbfgs is full-batch;"
                    + " use batch-size=0");
        }
        try {
            Initialization.parse(init);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("init=" + init + ": " + e.getMessage(), e);
        }
        try {
            FeatureScaling.Kind.parse(scaling);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scaling=" + scaling + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + "=" + value + ": " + rule);
        }
    }

    /** The defaults of every optional key; {@code network}, {@code train} and {@code output} have none. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("format", "auto");
        defaults.put("features", "-1");
        defaults.put("scaling", "none");
        defaults.put("epochs", "10");
        defaults.put("batch-size", "0");
        defaults.put("learning-rate", "0.1");
        defaults.put("lambda", "0");
        defaults.put("init", "uniform");
        defaults.put("seed", "1");
        defaults.put("partitions", "0");
        defaults.put("tree-depth", "2");
        defaults.put("block-size", "256");
        defaults.put("overwrite", "false");
        defaults.put("checkpoint-steps", "0");
        defaults.put("checkpoint-epochs", "0");
        defaults.put("checkpoint-keep", "3");
        defaults.put("optimizer", "sgd");
        defaults.put("momentum", "0.9");
        defaults.put("beta1", "0.9");
        defaults.put("beta2", "0.999");
        defaults.put("epsilon", "1e-8");
        defaults.put("schedule", "constant");
        defaults.put("warmup", "0");
        defaults.put("clip-norm", "0");
        defaults.put("l1", "0");
        defaults.put("lbfgs-memory", "10");
        defaults.put("lbfgs-tolerance", "1e-9");
        defaults.put("dropout", "0");
        defaults.put("early-stopping-patience", "0");
        defaults.put("early-stopping-min-delta", "0");
        defaults.put("validation-fraction", "0");
        return defaults;
    }

    /**
     * Builds a config from keys and string values (a config file's, with flags laid over it).
     * Missing optional keys take {@link #defaults()}; an unknown key or a value that does not
     * parse is refused with the key and the value quoted.
     */
    public static TrainConfig fromMap(Map<String, String> values) {
        Set<String> known = new TreeSet<>(KEYS);
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown config key '" + key + "'; the keys are "
                        + String.join(", ", known));
            }
        }
        Map<String, String> v = new HashMap<>(defaults());
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                v.put(key, value.trim());
            }
        });
        return new TrainConfig(v.get("network"), v.get("train"), v.get("test"), v.get("validation"),
                v.get("format"), parseInt(v, "features"), v.get("label-column"), v.get("scaling"),
                parseInt(v, "epochs"), parseInt(v, "batch-size"), parseDouble(v, "learning-rate"),
                parseDouble(v, "lambda"), v.get("init"),
                v.containsKey("init-bias") ? parseDouble(v, "init-bias") : null, parseLong(v, "seed"),
                parseInt(v, "partitions"), parseInt(v, "tree-depth"), parseInt(v, "block-size"),
                v.get("master"), v.get("output"), parseBoolean(v, "overwrite"), v.get("checkpoint-dir"),
                parseInt(v, "checkpoint-steps"), parseInt(v, "checkpoint-epochs"), parseInt(v, "checkpoint-keep"),
                v.get("resume"), new UpdateSettings(v.get("optimizer"), parseDouble(v, "momentum"),
                        parseDouble(v, "beta1"), parseDouble(v, "beta2"), parseDouble(v, "epsilon"), v.get("schedule"),
                        parseLong(v, "warmup"), parseDouble(v, "clip-norm"), parseDouble(v, "l1"),
                        parseInt(v, "lbfgs-memory"), parseDouble(v, "lbfgs-tolerance")),
                v.get("dropout"), new StoppingSettings(parseInt(v, "early-stopping-patience"),
                        parseDouble(v, "early-stopping-min-delta"), parseDouble(v, "validation-fraction")));
    }

    /** Every config key, which is also every long option of {@code train}. */
    public static final Set<String> KEYS = Set.of("network", "train", "test", "validation", "format",
            "features", "label-column", "scaling", "epochs", "batch-size", "learning-rate", "lambda", "init",
            "init-bias", "seed", "partitions", "tree-depth", "block-size", "master", "output", "overwrite",
            "checkpoint-dir", "checkpoint-steps", "checkpoint-epochs", "checkpoint-keep", "resume",
            "optimizer", "momentum", "beta1", "beta2", "epsilon", "schedule", "warmup", "clip-norm", "l1",
            "lbfgs-memory", "lbfgs-tolerance", "dropout", "early-stopping-patience", "early-stopping-min-delta",
            "validation-fraction");

    private static int parseInt(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + values.get(key) + ": not a whole number", e);
        }
    }

    private static boolean parseBoolean(Map<String, String> values, String key) {
        String value = values.get(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + "=" + value + ": must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static long parseLong(Map<String, String> values, String key) {
        try {
            return Long.parseLong(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + values.get(key) + ": not a whole number", e);
        }
    }

    private static double parseDouble(Map<String, String> values, String key) {
        try {
            return Double.parseDouble(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + values.get(key) + ": not a number", e);
        }
    }

    /** Where checkpoints go: {@code checkpoint-dir}, else the {@code resume} directory, else null (none). */
    public String checkpointDirectory() {
        return checkpointDir != null ? checkpointDir : resume;
    }

    /** Checkpoint every this many epochs: as set, or 1 when a directory is set and no interval is. */
    public int checkpointEpochInterval() {
        return checkpointEpochs == 0 && checkpointSteps == 0 && checkpointDirectory() != null ? 1 : checkpointEpochs;
    }

    /** The parsed network spec. */
    public NetworkSpec networkSpec() {
        return NetworkSpec.parse(network);
    }

    /** The parsed initialization, with the bias constant if one is set. */
    public Initialization initialization() {
        Initialization parsed = Initialization.parse(init);
        return initBias == null ? parsed : parsed.withBias(initBias);
    }

    /** The resolved settings as config keys and values (nulls left out), in a stable order. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "network", network);
        put(map, "train", train);
        put(map, "test", test);
        put(map, "validation", validation);
        put(map, "format", format);
        put(map, "features", features);
        put(map, "label-column", labelColumn);
        put(map, "scaling", scaling);
        put(map, "epochs", epochs);
        put(map, "batch-size", batchSize);
        put(map, "learning-rate", learningRate);
        put(map, "lambda", lambda);
        put(map, "init", init);
        put(map, "init-bias", initBias);
        put(map, "seed", seed);
        put(map, "partitions", partitions);
        put(map, "tree-depth", treeDepth);
        put(map, "block-size", blockSize);
        put(map, "master", master);
        put(map, "output", output);
        put(map, "overwrite", overwrite);
        put(map, "checkpoint-dir", checkpointDir);
        put(map, "checkpoint-steps", checkpointSteps);
        put(map, "checkpoint-epochs", checkpointEpochs);
        put(map, "checkpoint-keep", checkpointKeep);
        put(map, "resume", resume);
        put(map, "optimizer", update.optimizer());
        put(map, "momentum", update.momentum());
        put(map, "beta1", update.beta1());
        put(map, "beta2", update.beta2());
        put(map, "epsilon", update.epsilon());
        put(map, "schedule", update.schedule());
        put(map, "warmup", update.warmup());
        put(map, "clip-norm", update.clipNorm());
        put(map, "l1", update.l1());
        put(map, "lbfgs-memory", update.lbfgsMemory());
        put(map, "lbfgs-tolerance", update.lbfgsTolerance());
        put(map, "dropout", dropout);
        put(map, "early-stopping-patience", stopping.patience());
        put(map, "early-stopping-min-delta", stopping.minDelta());
        put(map, "validation-fraction", stopping.validationFraction());
        return map;
    }

    private static void put(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, String.valueOf(value));
        }
    }
}
