package dev.sparkprop.job;

import dev.sparkprop.ml.SparkpropClassifier;
import dev.sparkprop.optim.ScalaCollections;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;

/**
 * The axes of a sweep, each a key of the key table with the values to try, as given by
 * {@code --grid KEY=V1,V2,...}. Values are separated by commas; a key whose values hold commas
 * themselves (dropout rates, say) separates them with {@code |} instead:
 * {@code --grid 'dropout=0.2,0.5|0.5,0.5'}. Every value is read by its key now, so a bad one is
 * refused before any work with the key and the value quoted.
 *
 * <p>An axis must be a setting of the estimator (a Spark ML Param of {@link SparkpropClassifier}):
 * the data, output, validation and cluster keys are the sweep's frame, not something it varies.
 *
 * @param axes the axes in the order given
 */
public record SweepGrid(List<Axis> axes) {

    /** One axis: a key and its values as written (trimmed), in order. */
    public record Axis(ConfigKey<?> key, List<String> values) {
    }

    /** Copies the axes. */
    public SweepGrid {
        axes = List.copyOf(axes);
    }

    /**
     * Reads {@code --grid} texts ({@code KEY=V1,V2,...}).
     *
     * @throws IllegalArgumentException one line quoting the bad axis, key or value
     */
    public static SweepGrid parse(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("--grid: a sweep needs at least one axis, e.g. --grid lambda=0,0.3,3");
        }
        SparkpropClassifier estimator = new SparkpropClassifier();
        Map<String, Axis> axes = new LinkedHashMap<>();
        for (String text : texts) {
            int equals = text.indexOf('=');
            if (equals <= 0 || equals == text.length() - 1) {
                throw new IllegalArgumentException("--grid " + text + ": write KEY=V1,V2,..., e.g. lambda=0,0.3,3");
            }
            String name = text.substring(0, equals).trim();
            ConfigKey<?> key = ConfigKeys.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "--grid " + text + ": no config key '" + name + "'"));
            if (!estimator.hasParam(key.sparkMlName()) || SparkpropClassifier.NOT_PARAMS.contains(name)) {
                throw new IllegalArgumentException("--grid " + text + ": " + name + " is not a training setting a"
                        + " sweep can vary (data, output, validation and cluster keys are not)");
            }
            String rest = text.substring(equals + 1);
            List<String> values = new ArrayList<>();
            for (String value : rest.split(rest.contains("|") ? "\\|" : ",")) {
                key.parse(value); // throws "key=value: why"
                values.add(value.trim());
            }
            if (axes.put(name, new Axis(key, values)) != null) {
                throw new IllegalArgumentException("--grid " + text + ": " + name + " is already an axis");
            }
        }
        return new SweepGrid(new ArrayList<>(axes.values()));
    }

    /**
     * Every combination of the axes' values: Spark's {@link ParamGridBuilder} over {@code estimator}'s
     * Params, in {@link #combinations()}'s order (the first axis slowest). The builder's own order
     * follows the Params' hash codes, which come from the estimator's random uid, so it would
     * change from run to run.
     */
    public ParamMap[] paramMaps(SparkpropClassifier estimator) {
        ParamGridBuilder builder = new ParamGridBuilder();
        for (Axis axis : axes) {
            builder.addGrid(param(estimator, axis), ScalaCollections.asScala(axis.values()));
        }
        ParamMap[] paramMaps = builder.build();
        List<Map<String, String>> order = combinations();
        Arrays.sort(paramMaps, Comparator.comparingInt(paramMap -> order.indexOf(settings(estimator, paramMap))));
        return paramMaps;
    }

    /** A candidate's value of each axis, by key, in the axes' order. */
    public Map<String, String> settings(SparkpropClassifier estimator, ParamMap candidate) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Axis axis : axes) {
            settings.put(axis.key().name(), candidate.apply(param(estimator, axis)));
        }
        return settings;
    }

    /** Every combination of the axes' values, by key, without Spark (for checking them as configs). */
    public List<Map<String, String>> combinations() {
        List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(axis.key().name(), value);
                    next.add(combination);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** The axes' keys, in order. */
    public List<String> keys() {
        return axes.stream().map(axis -> axis.key().name()).toList();
    }

    private static Param<String> param(SparkpropClassifier estimator, Axis axis) {
        return estimator.keyParam(axis.key().sparkMlName());
    }

    @Override
    public String toString() {
        return Arrays.toString(axes.stream().map(axis -> axis.key().name() + "=" + axis.values()).toArray());
    }
}
