package dev.sparkprop.cli;

import dev.sparkprop.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Makes every key of {@link TrainConfig#KEYS} a long option of {@code train}
 * ({@code --learning-rate 0.5} or {@code --learning-rate=0.5}), built from the key set rather than
 * declared field by field, so a key added to the config is an option at once.
 *
 * <p>The options hold text, not numbers, and have no picocli default: a flag is only an
 * override laid over the config file, and {@link TrainConfig#fromMap} alone parses, fills in
 * defaults and validates. {@link #given} reads back the flags that were actually typed.
 */
final class ConfigKeyOptions implements IModelTransformer {

    /** Help text of one key: the placeholder shown after the option name, and what it sets. */
    private record Help(String label, String text) {
    }

    /** The keys in {@link TrainConfig#toMap()} order, so help and the printed config line up. */
    private static final Map<String, Help> HELP = help();

    private static Map<String, Help> help() {
        Map<String, Help> help = new LinkedHashMap<>();
        help.put("network", new Help("SPEC", "Layers from input to output, e.g. 784-256:relu-10:softmax."));
        help.put("train", new Help("PATH", "Training data (LIBSVM, CSV or Parquet; .gz is read as is)."));
        help.put("test", new Help("PATH", "Test data, evaluated once at the end."));
        help.put("validation", new Help("PATH", "Validation data, evaluated after every epoch."));
        help.put("format", new Help("FORMAT", "auto, libsvm, csv or parquet."));
        help.put("features", new Help("N", "Features per example; -1 takes the input layer's size."));
        help.put("label-column", new Help("NAME", "CSV/Parquet label column (unset: CSV's first, Parquet's label)."));
        help.put("scaling", new Help("RULE", "none, divide:C (e.g. divide:255), min-max or standardize."));
        help.put("epochs", new Help("N", "Passes over the training data."));
        help.put("batch-size", new Help("N", "Examples per gradient step; 0 = all (batch gradient descent)."));
        help.put("learning-rate", new Help("ALPHA", "Step size α."));
        help.put("lambda", new Help("LAMBDA", "L2 weight λ (biases excluded)."));
        help.put("init", new Help("SCHEME", "uniform, uniform:EPSILON, uniform-fan, xavier, he or zeros."));
        help.put("init-bias", new Help("B", "One constant for every bias (unset: drawn like the weights)."));
        help.put("seed", new Help("N", "Seed of the initialization and of every shuffle."));
        help.put("partitions", new Help("N", "Partitions (tasks) of the training data; 0 = Spark's default."));
        help.put("tree-depth", new Help("N", "Depth of the treeAggregate that sums gradients."));
        help.put("block-size", new Help("N", "Examples per matrix-multiply block inside a task."));
        help.put("master", new Help("URL", "Spark master (unset: spark-submit's, else local[*])."));
        help.put("output", new Help("DIR", "Directory for the model and metrics."));
        help.put("overwrite", new Help("BOOL", "Replace an existing output directory once training succeeded."));
        help.put("checkpoint-dir", new Help("DIR", "Where checkpoints go (unset: none, or the resume directory)."));
        help.put("checkpoint-steps", new Help("N", "Checkpoint every N steps; 0 = not by steps."));
        help.put("checkpoint-epochs", new Help("N", "Checkpoint every N epochs; 0 = not by epochs (every epoch"
                + " when a directory is set and neither interval is)."));
        help.put("checkpoint-keep", new Help("N", "How many checkpoints to keep."));
        help.put("resume", new Help("DIR", "Continue from the newest readable checkpoint in DIR."));
        help.put("optimizer", new Help("NAME", "sgd, momentum, nesterov, adam, or lbfgs (full batch; epochs ="
                + " iterations)."));
        help.put("momentum", new Help("MU", "μ of momentum and nesterov, in [0, 1)."));
        help.put("beta1", new Help("B1", "Adam's β1, in [0, 1)."));
        help.put("beta2", new Help("B2", "Adam's β2, in [0, 1)."));
        help.put("epsilon", new Help("EPS", "Adam's ε."));
        help.put("schedule", new Help("SHAPE", "constant, step:DROP:EVERY, inverse:GAMMA:POWER or cosine:TOTAL"
                + " (in steps)."));
        help.put("warmup", new Help("STEPS", "Linear learning-rate warm-up over this many steps."));
        help.put("clip-norm", new Help("NORM", "Clip the gradient to this global norm; 0 = off."));
        help.put("l1", new Help("L1", "λ1 of the L1 term (λ1/m)·Σ|Θ|, biases excluded."));
        help.put("lbfgs-memory", new Help("N", "L-BFGS history size."));
        help.put("lbfgs-tolerance", new Help("TOL", "L-BFGS convergence tolerance."));
        help.put("dropout", new Help("RATES", "Probability of dropping a hidden unit in training: one rate, or one"
                + " per hidden layer (0.2,0.5)."));
        help.put("early-stopping-patience", new Help("EPOCHS", "Stop after this many epochs without validation"
                + " improvement and keep the best Θ; 0 = off."));
        help.put("early-stopping-min-delta", new Help("DELTA", "The least validation-cost decrease that counts."));
        help.put("validation-fraction", new Help("F", "Hold out this seeded fraction of the training rows as the"
                + " validation set (when no validation file)."));
        return help;
    }

    /** Adds one option per config key to {@code train}'s model; picocli calls this once. */
    @Override
    public CommandSpec transform(CommandSpec command) {
        Map<String, String> defaults = TrainConfig.defaults();
        for (String key : orderedKeys()) {
            Help help = HELP.getOrDefault(key, new Help("VALUE", "A TrainConfig key."));
            String text = help.text() + (defaults.containsKey(key) ? " Default: " + defaults.get(key) + "." : "");
            OptionSpec.Builder option = OptionSpec.builder("--" + key).type(String.class).paramLabel(help.label())
                    .description(text);
            if (isBoolean(defaults.get(key))) {
                option.arity("0..1").fallbackValue("true"); // --overwrite alone means true
            }
            command.addOption(option.build());
        }
        return command;
    }

    private static boolean isBoolean(String defaultValue) {
        return "true".equals(defaultValue) || "false".equals(defaultValue);
    }

    /** Every config key: the documented ones in order, then any newer ones alphabetically. */
    private static Set<String> orderedKeys() {
        Set<String> keys = new LinkedHashSet<>(HELP.keySet());
        keys.retainAll(TrainConfig.KEYS);
        keys.addAll(new TreeSet<>(TrainConfig.KEYS));
        return keys;
    }

    /** The config keys given as flags on this command line, with their values as typed. */
    static Map<String, String> given(ParseResult parseResult) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : parseResult.matchedOptions()) {
            String key = option.longestName().substring(2);
            if (TrainConfig.KEYS.contains(key)) {
                values.put(key, option.getValue());
            }
        }
        return values;
    }
}
