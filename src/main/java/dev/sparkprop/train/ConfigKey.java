package dev.sparkprop.train;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting of a training run, described once: its name (the config-file key and the long
 * option, in kebab case), its default, its help, how its text becomes a typed value, whether it
 * changes the path Θ takes, and the name of the matching Spark ML {@code Param}. The keys
 * themselves are the table in {@link ConfigKeys}; everything that lists settings (options,
 * config files, the printed config, checkpoint compatibility, the model header) reads that table.
 *
 * <p>Parsing is two steps, and each refusal is one line quoting the key and the value:
 * <pre>
 *   read    text  -&gt; value     epochs=ten: not a whole number        (the text as written)
 *   check   value -&gt; ok?       epochs=0: must be &gt;= 1                (the value as printed)
 * </pre>
 * A reader from another package that already quotes this key ({@code schedule=...: ...}) keeps its
 * message as it is.
 *
 * <p>The resolved text of a value (what {@link TrainConfig#toMap()} prints and the model header
 * records) is the number or boolean as Java prints it ({@code 1e-8} becomes {@code 1.0E-8}), and
 * for every other key the text as written, trimmed, so a network or a schedule reads back exactly
 * as the user gave it.
 *
 * @param <T> the type of the parsed value
 */
public final class ConfigKey<T> {

    /** Which part of {@link TrainConfig} a key belongs to. */
    public enum Group {
        /** What data, in which format, scaled how ({@link DataSettings}). */
        DATA,
        /** The network and how its Θ starts ({@link NetworkSettings}). */
        NETWORK,
        /** How gradients become steps ({@link UpdateSettings}). */
        UPDATE,
        /** Early stopping ({@link StoppingSettings}). */
        STOPPING,
        /** Checkpoints and resume ({@link CheckpointSettings}). */
        CHECKPOINTS,
        /** How the work is spread over Spark ({@link SparkSettings}). */
        SPARK,
        /** Where the model goes ({@link OutputSettings}). */
        OUTPUT,
        /** The run as a whole: the seed every random draw derives from ({@link TrainConfig#seed()}). */
        RUN,
        /** The live training page ({@link UiSettings}). */
        UI
    }

    private final String name;
    private final Group group;
    private final String defaultText;
    private final String requiredRule;
    private final String label;
    private final String help;
    private final boolean changesPath;
    private final String sparkMlName;
    private final String sparkMlDefaultText;
    private final Function<String, T> reader;
    private final Predicate<T> check;
    private final String rule;
    private final Function<T, String> printer;

    private ConfigKey(Builder builder, Function<String, T> reader, Predicate<T> check, String rule,
                      Function<T, String> printer) {
        this.name = builder.name;
        this.group = builder.group;
        this.defaultText = builder.defaultText;
        this.requiredRule = builder.requiredRule;
        this.label = Objects.requireNonNull(builder.label, builder.name + " has no help");
        this.help = builder.help;
        this.changesPath = builder.changesPath;
        this.sparkMlName = builder.sparkMlName != null ? builder.sparkMlName : camelCase(builder.name);
        this.sparkMlDefaultText = builder.sparkMlDefaultText != null ? builder.sparkMlDefaultText : builder.defaultText;
        this.reader = reader;
        this.check = check;
        this.rule = rule;
        this.printer = printer;
    }

    /** Starts describing the key {@code name} of {@code group}; see {@link ConfigKeys} for the table. */
    static Builder key(String name, Group group) {
        return new Builder(name, group);
    }

    /** The key in config files and the long option without {@code --}, e.g. {@code learning-rate}. */
    public String name() {
        return name;
    }

    /** The part of the config the key belongs to. */
    public Group group() {
        return group;
    }

    /** The text used when the key is not given, or null: then the key is required or simply unset. */
    public String defaultText() {
        return defaultText;
    }

    /** The default, parsed; null for a key without one. */
    public T defaultValue() {
        return defaultText == null ? null : parse(defaultText);
    }

    /** Whether a run must give this key (it has no default and no meaning when unset). */
    public boolean isRequired() {
        return requiredRule != null;
    }

    /** The placeholder shown after the option in help, e.g. {@code ALPHA}. */
    public String label() {
        return label;
    }

    /** One or two sentences on what the key sets, without the default. */
    public String help() {
        return help;
    }

    /**
     * Whether the key decides Θ's path step by step, so that a checkpoint made with another value
     * cannot be resumed. Keys that only stop, save or place the run (epochs, output, checkpoint
     * intervals, test data, tree depth, block size, master) may change between runs.
     */
    public boolean changesPath() {
        return changesPath;
    }

    /**
     * The name a Spark ML user would look for: the {@code Param} of Spark's own estimators with
     * this meaning ({@code stepSize}, {@code maxIter}, {@code regParam}, {@code solver}, ...), else
     * the key in camel case. Only the name: where Spark's convention for the value differs (its
     * {@code solver} names, {@code checkpointInterval}'s -1), the mapping translates the value.
     */
    public String sparkMlName() {
        return sparkMlName;
    }

    /**
     * The default of the key's Spark ML {@code Param}: {@link #defaultText()}, except where Spark's
     * own estimator with that Param ({@code MultilayerPerceptronClassifier}) has another default,
     * so that code written for it trains the same way when only the class name changes.
     */
    public String sparkMlDefaultText() {
        return sparkMlDefaultText;
    }

    /**
     * The typed value of {@code text}, checked.
     *
     * @throws IllegalArgumentException {@code key=value: why}, when the text does not read or the
     *     value breaks the key's rule
     */
    public T parse(String text) {
        String written = text.trim();
        T value;
        try {
            value = reader.apply(written);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            throw new IllegalArgumentException(why != null && why.startsWith(name + "=") ? why
                    : name + "=" + written + ": " + why, e);
        }
        if (!check.test(value)) {
            throw new IllegalArgumentException(name + "=" + text(value, written) + ": " + rule);
        }
        return value;
    }

    /** The refusal of a run that does not give this required key. */
    IllegalArgumentException missing() {
        return new IllegalArgumentException(name + "=null: " + requiredRule);
    }

    /** The resolved text of {@code value}, parsed from {@code written} (see the class doc). */
    String text(T value, String written) {
        return printer == null ? written : printer.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (String word : kebab.split("-")) {
            camel.append(camel.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return camel.toString();
    }

    /**
     * Collects a key's description; a typed terminal method ({@link #integer}, {@link #number},
     * {@link #text}, ...) gives the reader and builds the key.
     */
    static final class Builder {
        private final String name;
        private final Group group;
        private String defaultText;
        private String requiredRule;
        private String label;
        private String help;
        private boolean changesPath;
        private String sparkMlName;
        private String sparkMlDefaultText;

        private Builder(String name, Group group) {
            this.name = name;
            this.group = group;
        }

        /** The placeholder and the help sentence(s). */
        Builder help(String label, String help) {
            this.label = label;
            this.help = help;
            return this;
        }

        /** The text taken when the key is not given. */
        Builder byDefault(String text) {
            this.defaultText = text;
            return this;
        }

        /** The key has no default and a run must give it; {@code rule} follows {@code key=null: }. */
        Builder required(String rule) {
            this.requiredRule = rule;
            return this;
        }

        /** The key decides Θ's path ({@link ConfigKey#changesPath()}). */
        Builder changesPath() {
            this.changesPath = true;
            return this;
        }

        /** Spark ML's name for the same setting, when it differs from the camel-case key. */
        Builder sparkMl(String name) {
            this.sparkMlName = name;
            return this;
        }

        /** The Spark ML Param's default, where MLPC's differs from {@link #byDefault}'s (in this key's syntax). */
        Builder sparkMlDefault(String text) {
            this.sparkMlDefaultText = text;
            return this;
        }

        /** A whole number in {@code int} range that passes {@code check}, else {@code rule}. */
        ConfigKey<Integer> integer(Predicate<Integer> check, String rule) {
            return new ConfigKey<>(this, text -> (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE), check, rule,
                    String::valueOf);
        }

        /** A whole number in {@code long} range that passes {@code check}, else {@code rule}. */
        ConfigKey<Long> wholeNumber(Predicate<Long> check, String rule) {
            return new ConfigKey<>(this, text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE), check, rule,
                    String::valueOf);
        }

        /** A number ({@code Double.parseDouble}'s syntax) that passes {@code check}, else {@code rule}. */
        ConfigKey<Double> number(Predicate<Double> check, String rule) {
            return new ConfigKey<>(this, ConfigKey::number, check, rule, String::valueOf);
        }

        /**
         * A number ({@code Double.parseDouble}'s syntax) that {@code check} accepts: the check of the
         * type that owns the value, which refuses with its own {@code key=value: rule} message, so a
         * rule lives in one place.
         */
        ConfigKey<Double> checkedNumber(DoubleConsumer check) {
            return new ConfigKey<>(this, text -> {
                double value = ConfigKey.number(text);
                check.accept(value);
                return value;
            }, value -> true, null, String::valueOf);
        }

        /** {@code true} or {@code false}, in any case. */
        ConfigKey<Boolean> bool() {
            return new ConfigKey<>(this, text -> {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return Boolean.parseBoolean(text);
            }, value -> true, null, String::valueOf);
        }

        /** Text taken as written (a path, a URL, a name). */
        ConfigKey<String> text() {
            return new ConfigKey<>(this, Function.identity(), value -> true, null, null);
        }

        /** A value read by {@code reader}, which throws {@link IllegalArgumentException} saying why. */
        <T> ConfigKey<T> parsed(Function<String, T> reader) {
            return new ConfigKey<>(this, reader, value -> true, null, null);
        }
    }

    private static long whole(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("not a whole number");
        }
        return value;
    }

    /** A number as {@code Double.parseDouble} reads it; shared with readers of lists of numbers. */
    static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number", e);
        }
    }
}
