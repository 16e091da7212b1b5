package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKeys.CHECKPOINT_DIR;
import static dev.sparkprop.train.ConfigKeys.DROPOUT;
import static dev.sparkprop.train.ConfigKeys.INIT;
import static dev.sparkprop.train.ConfigKeys.INIT_BIAS;
import static dev.sparkprop.train.ConfigKeys.LEARNING_RATE;
import static dev.sparkprop.train.ConfigKeys.NETWORK;
import static dev.sparkprop.train.ConfigKeys.SCHEDULE;
import static dev.sparkprop.train.ConfigKeys.WARMUP;

import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.LearningRateSchedule;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything a training run is told, resolved from a config file and flag overrides by the key
 * table ({@link ConfigKeys}), each value parsed and checked once. Immutable. Read it by group:
 *
 * <pre>
 *   config.data()         train, test, validation, format, features, labelColumn, scaling, validationFraction
 *   config.network()      spec, init, initBias, dropoutRates, thetaFile, initialModel, thetaGiven
 *   config.update()       epochs, batchSize, learningRate, lambda, l1, optimizer, momentum, beta1, beta2,
 *                         epsilon, schedule, warmup, clipNorm, lbfgsMemory, lbfgsTolerance, isLbfgs
 *   config.stopping()     patience, minDelta, enabled
 *   config.checkpoints()  dir, steps, epochs, keep, resume, directory, epochInterval
 *   config.spark()        master, partitions, treeDepth, blockSize, precision, sparsity, storageLevel
 *   config.output()       path, overwrite
 *   config.ui()           enabled, host, port, lingerSeconds
 *   config.seed()
 * </pre>
 * or by key: {@code config.get(ConfigKeys.EPOCHS)}. {@link #toMap()} is the resolved
 * {@code key -> text} view, printed at start and stored in the model header as {@code config.*}.
 *
 * <p>Single values are checked by their keys; the rules that tie keys together are here, in
 * {@link #checkCombinations()}: dropout rates against hidden layers, early stopping against a
 * validation set, L-BFGS against checkpoints, dropout, minibatches and early stopping, features against the input
 * layer, sparse blocks against float precision and zero-moving scaling.
 */
public final class TrainConfig {

    private final Map<ConfigKey<?>, Object> values;
    private final Map<String, String> texts;
    private final DataSettings data;
    private final NetworkSettings network;
    private final UpdateSettings update;
    private final StoppingSettings stopping;
    private final CheckpointSettings checkpoints;
    private final SparkSettings spark;
    private final OutputSettings output;
    private final UiSettings ui;

    private TrainConfig(Map<ConfigKey<?>, Object> values, Map<String, String> texts) {
        this.values = values;
        this.texts = Collections.unmodifiableMap(texts);
        this.data = DataSettings.of(this);
        this.network = new NetworkSettings(get(NETWORK), initialization(), get(INIT_BIAS), dropoutPerHiddenLayer(),
                get(INIT).isPresent() ? null : text(INIT).substring(StartingTheta.THETA_PREFIX.length()),
                get(ConfigKeys.INITIAL_MODEL));
        this.update = UpdateSettings.of(this,
                LearningRateSchedule.parse(text(SCHEDULE), get(LEARNING_RATE), get(WARMUP)));
        this.stopping = StoppingSettings.of(this);
        this.checkpoints = CheckpointSettings.of(this);
        this.spark = SparkSettings.of(this);
        this.output = OutputSettings.of(this);
        this.ui = UiSettings.of(this);
        checkCombinations();
    }

    /**
     * Builds a config from keys and texts (a config file's, with flags laid over it). A key not
     * given, or given blank, takes its default; a required key without a value, an unknown key or
     * a value that does not parse is refused with the key and the value quoted.
     */
    public static TrainConfig fromMap(Map<String, String> given) {
        for (String name : given.keySet()) {
            if (!ConfigKeys.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown config key '" + name + "'; the keys are "
                        + String.join(", ", new TreeSet<>(ConfigKeys.NAMES)));
            }
        }
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String text = given.get(key.name());
            resolve(key, text == null || text.isBlank() ? key.defaultText() : text, values, texts);
        }
        return new TrainConfig(values, texts);
    }

    private static <T> void resolve(ConfigKey<T> key, String text, Map<ConfigKey<?>, Object> values,
                                    Map<String, String> texts) {
        if (text == null) {
            if (key.isRequired()) {
                throw key.missing();
            }
            return;
        }
        T value = key.parse(text);
        values.put(key, value);
        texts.put(key.name(), key.text(value, text.trim()));
    }

    /** This config with {@code key} set to {@code text} (null or blank: back to its default). */
    public TrainConfig with(ConfigKey<?> key, String text) {
        Map<String, String> changed = new LinkedHashMap<>(texts);
        changed.put(key.name(), text);
        return fromMap(changed);
    }

    /** The value of {@code key}, or null when the key has no default and was not given. */
    @SuppressWarnings("unchecked") // fromMap stores each key's own parse result under it
    public <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }

    /** The resolved text of {@code key} as {@link #toMap()} shows it, or null when unset. */
    public String text(ConfigKey<?> key) {
        return texts.get(key.name());
    }

    /** The resolved settings as config keys and texts, unset keys left out, in {@link ConfigKeys#ALL}'s order. */
    public Map<String, String> toMap() {
        return texts;
    }

    /** The training and evaluation data. */
    public DataSettings data() {
        return data;
    }

    /** The network, its initialization and dropout. */
    public NetworkSettings network() {
        return network;
    }

    /** Epochs, minibatches, the optimizer, the schedule and the penalties. */
    public UpdateSettings update() {
        return update;
    }

    /** Early stopping on the validation cost. */
    public StoppingSettings stopping() {
        return stopping;
    }

    /** Where and how often checkpoints are written, and what to resume from. */
    public CheckpointSettings checkpoints() {
        return checkpoints;
    }

    /** How the run is spread over Spark. */
    public SparkSettings spark() {
        return spark;
    }

    /** Where the model and metrics go. */
    public OutputSettings output() {
        return output;
    }

    /** Whether and where the live training page is served. */
    public UiSettings ui() {
        return ui;
    }

    /** The seed of initialization, of every shuffle and of the validation hold-out. */
    public long seed() {
        return get(ConfigKeys.SEED);
    }

    /**
     * Refuses to resume a checkpoint made with settings that would change the training path.
     *
     * @param recorded the checkpoint's resolved config ({@link #toMap()} of the run that wrote it)
     * @param source the checkpoint directory, quoted in the message
     * @throws IllegalArgumentException naming the first path-changing key whose text differs
     */
    public void checkCompatible(Map<String, String> recorded, String source) {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            // A key newer than the checkpoint was, for that run, at its default.
            String then = recorded.getOrDefault(key.name(), key.defaultText());
            String now = text(key);
            if (key.changesPath() && !Objects.equals(then, now)) {
                throw new IllegalArgumentException("resume=" + source + ": the checkpoint was made with " + key + "="
                        + then + " but this run has " + key + "=" + now);
            }
        }
    }

    /** {@code init} with {@code init-bias} put in, when one is set; null when Θ is given as text. */
    private Initialization initialization() {
        Double bias = get(INIT_BIAS);
        Initialization scheme = get(INIT).orElse(null);
        return bias == null || scheme == null ? scheme : scheme.withBias(bias);
    }

    /**
     * The dropout rate of each hidden layer (index 0 = layer 2): the one rate given for all, or
     * the one given for each.
     */
    private double[] dropoutPerHiddenLayer() {
        try {
            return Dropout.perHiddenLayer(get(DROPOUT), get(NETWORK));
        } catch (IllegalArgumentException e) {
            throw refusal(DROPOUT, e.getMessage());
        }
    }

    /** The rules between keys; each refusal quotes the key it blames. */
    private void checkCombinations() {
        if (stopping.enabled() && data.validation() == null && data.validationFraction() == 0) {
            throw refusal(ConfigKeys.EARLY_STOPPING_PATIENCE,
                    "early stopping needs a validation set: set validation or validation-fraction");
        }
        boolean dropsUnits = Arrays.stream(network.dropoutRates()).anyMatch(rate -> rate != 0);
        if (update.isLbfgs() && (get(CHECKPOINT_DIR) != null || checkpoints.resume() != null || dropsUnits)) {
            throw new IllegalArgumentException("optimizer=lbfgs: no checkpoints, resume or dropout (L-BFGS needs the"
                    + " same full-batch cost at every evaluation, and keeps its history inside Breeze)");
        }
        if (update.isLbfgs() && stopping.enabled()) {
            throw refusal(ConfigKeys.EARLY_STOPPING_PATIENCE, "optimizer=lbfgs stops by its own tolerance"
                    + " (lbfgs-tolerance), not by early stopping; use sgd, momentum, nesterov or adam");
        }
        if (update.isLbfgs() && network.spec().hasNormalization()) {
            throw refusal(ConfigKeys.OPTIMIZER, "network " + network.spec() + " has batch-normalized layers, whose"
                    + " running statistics move between steps outside L-BFGS's history; use sgd, momentum, nesterov"
                    + " or adam");
        }
        if (update.isLbfgs() && update.batchSize() != 0) {
            throw refusal(ConfigKeys.BATCH_SIZE, "optimizer=lbfgs is full-batch; use batch-size=0");
        }
        if (network.thetaFile() != null && (get(ConfigKeys.INITIAL_MODEL) != null || get(INIT_BIAS) != null)) {
            throw refusal(INIT, get(INIT_BIAS) != null ? "a given Θ has its own biases; unset init-bias"
                    : "initial-model also gives Θ; set one of them");
        }
        if (spark.sparsity() == Sparsity.SPARSE && spark.precision() == Precision.FLOAT) {
            throw refusal(ConfigKeys.SPARSE, "sparse blocks compute in double; precision=float cannot go with them"
                    + " (set precision=double, or sparse=false or auto)");
        }
        if (spark.sparsity() == Sparsity.SPARSE && data.scaling().needsStatistics()) {
            throw refusal(ConfigKeys.SPARSE, "scaling=" + data.scaling().text() + " moves every zero feature, so no"
                    + " block stays sparse; use scaling=none or divide:C, or sparse=false or auto");
        }
        NetworkSpec spec = network.spec();
        if (data.features() != -1 && data.features() != spec.inputSize()) {
            throw refusal(ConfigKeys.FEATURES, "the network's input layer has " + spec.inputSize() + " units");
        }
    }

    private IllegalArgumentException refusal(ConfigKey<?> key, String why) {
        return new IllegalArgumentException(key + "=" + text(key) + ": " + why);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainConfig config && texts.equals(config.texts);
    }

    @Override
    public int hashCode() {
        return texts.hashCode();
    }

    @Override
    public String toString() {
        return "TrainConfig" + texts;
    }
}
