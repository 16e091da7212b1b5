package dev.sparkprop.ml;

import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params both sparkprop estimators share (Java has no traits, so {@link SparkpropParams}'s
 * default methods call these): one {@code Param<String>} per key of the table ({@link ConfigKeys}),
 * named by {@link ConfigKey#sparkMlName()}, with the key's help and Spark ML default (MLPC's where
 * the Param is MLPC's); and Spark's {@code validationIndicatorCol}, which has no key because only a
 * DataFrame has columns.
 *
 * <p>Spark finds a Scala estimator's Params by reflection over its {@code Param}-returning
 * methods; these are built from the table at run time, so the estimator's {@code params()}
 * returns {@link #appendedTo} its inherited ones, and everything else finds them by name
 * ({@code getParam}). {@code copy}, {@code explainParams}, {@code ParamGridBuilder} and
 * persistence then see them like any other Param.
 *
 * <p>A Param holds the key's text. Where Spark's convention for a value differs from the key's,
 * the text is translated when it is read ({@link #keyText}): MLPC's solvers {@code l-bfgs} and
 * {@code gd} are {@code lbfgs} and {@code sgd}, and {@code checkpointInterval=-1} (Spark's "off")
 * is {@code checkpoint-epochs=0}. So a value set through a {@code ParamMap} or a grid, which
 * Spark sets without calling {@link #set}, reads the same as one set here.
 */
final class TrainingParams {

    /**
     * Keys without a Param: data files and their layout (the DataFrame replaces them), output and
     * master (fit returns the model in the caller's session), and resume (a fit starts afresh).
     */
    static final Set<String> NOT_PARAMS = Set.of("train", "test", "validation", "format", "features",
            "label-column", "output", "overwrite", "master", "resume");

    /** What {@link TrainConfig} records for its required {@code train} and {@code output} keys on a fit. */
    static final String DATA_FRAME = "(DataFrame)";

    /** Spark's name for the boolean column of validation rows. */
    static final String VALIDATION_INDICATOR_COL = "validationIndicatorCol";

    /** The keys that have a Param, by Spark ML name, in the key table's order. */
    private static final Map<String, ConfigKey<?>> KEYS = new LinkedHashMap<>();

    static {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!NOT_PARAMS.contains(key.name())) {
                KEYS.put(key.sparkMlName(), key);
            }
        }
    }

    private TrainingParams() {
    }

    /**
     * {@code inherited} (Spark's column Params) followed by a new Param of {@code owner} per key, each
     * with its key's Spark ML default ({@link ConfigKey#sparkMlDefaultText()}) set, and
     * {@code validationIndicatorCol}, unset.
     */
    static Param<?>[] appendedTo(Params owner, Param<?>[] inherited) {
        Param<?>[] all = Arrays.copyOf(inherited, inherited.length + KEYS.size() + 1);
        int i = inherited.length;
        for (ConfigKey<?> key : KEYS.values()) {
            Param<String> param = new Param<>(owner, key.sparkMlName(), key.help() + " (config key " + key.name() + ")");
            if (key.sparkMlDefaultText() != null) {
                owner.setDefault(param, key.sparkMlDefaultText());
            }
            all[i++] = param;
        }
        all[i] = new Param<String>(owner, VALIDATION_INDICATOR_COL, "name of a boolean column: rows with"
                + " true are the validation set, judged after every epoch (early stopping), rows with false are"
                + " trained on; unset: validationFraction, else no validation set");
        return all;
    }

    /**
     * Sets {@code owner}'s Param {@code sparkMlName} to {@code value} in the key's convention,
     * checked by the key now, so a bad value is refused here with the key and value quoted.
     */
    static void set(Params owner, String sparkMlName, String value) {
        Param<String> param = param(owner, sparkMlName);
        String text = keyText(sparkMlName, value);
        KEYS.get(sparkMlName).parse(text);
        owner.set(param, text);
    }

    /** {@code owner}'s Param of a key by its Spark ML name; an unknown name is refused with the list of names. */
    static Param<String> param(Params owner, String sparkMlName) {
        if (!KEYS.containsKey(sparkMlName)) {
            throw new IllegalArgumentException("no sparkprop Param '" + sparkMlName + "'; they are "
                    + String.join(", ", KEYS.keySet()));
        }
        return stringParam(owner, sparkMlName);
    }

    /** Sets Spark's {@code validationIndicatorCol} of {@code owner}. */
    static void setValidationIndicatorCol(Params owner, String column) {
        owner.set(stringParam(owner, VALIDATION_INDICATOR_COL), column);
    }

    /** The indicator column's name, or null when it is unset or empty (as Spark's GBTs read it). */
    static String validationIndicatorColOrNull(Params owner) {
        Param<String> param = stringParam(owner, VALIDATION_INDICATOR_COL);
        String name = owner.isDefined(param) ? owner.getOrDefault(param) : null;
        return name == null || name.isEmpty() ? null : name;
    }

    /**
     * The run {@code owner}'s Params describe, as the key table reads it: the DataFrame stands for
     * the training data and the output, and a validation indicator column for the validation data.
     */
    static TrainConfig trainConfig(Params owner) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put(ConfigKeys.TRAIN.name(), DATA_FRAME);
        given.put(ConfigKeys.OUTPUT.name(), DATA_FRAME);
        String indicator = validationIndicatorColOrNull(owner);
        if (indicator != null) {
            given.put(ConfigKeys.VALIDATION.name(), "(DataFrame rows where " + indicator + " is true)");
        }
        for (Map.Entry<String, ConfigKey<?>> entry : KEYS.entrySet()) {
            Param<String> param = stringParam(owner, entry.getKey());
            if (owner.isDefined(param)) {
                given.put(entry.getValue().name(), keyText(entry.getKey(), owner.getOrDefault(param)));
            }
        }
        return TrainConfig.fromMap(given);
    }

    /**
     * MLPC's {@code layers} as a network spec: sigmoid hidden layers and an {@code output} layer,
     * e.g. {@code [4, 5, 3]} and softmax: {@code 4-5:sigmoid-3:softmax}.
     */
    static String layersSpec(int[] layers, String output) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers=" + Arrays.toString(layers) + ": needs an input and an output layer");
        }
        StringJoiner spec = new StringJoiner("-");
        spec.add(Integer.toString(layers[0]));
        for (int l = 1; l < layers.length; l++) {
            spec.add(layers[l] + (l == layers.length - 1 ? ":" + output : ":sigmoid"));
        }
        return spec.toString();
    }

    @SuppressWarnings("unchecked")
    private static Param<String> stringParam(Params owner, String name) {
        Param<?> param = owner.getParam(name);
        return (Param<String>) param;
    }

    /** The key's text for a Param's value, in Spark's convention where it has one (see the class doc). */
    private static String keyText(String sparkMlName, String value) {
        String trimmed = value.trim();
        if (sparkMlName.equals(ConfigKeys.OPTIMIZER.sparkMlName())) {
            return switch (trimmed) {
                case "l-bfgs" -> "lbfgs";
                case "gd" -> "sgd";
                default -> trimmed;
            };
        }
        if (sparkMlName.equals(ConfigKeys.CHECKPOINT_EPOCHS.sparkMlName()) && trimmed.equals("-1")) {
            return "0";
        }
        return trimmed;
    }
}
