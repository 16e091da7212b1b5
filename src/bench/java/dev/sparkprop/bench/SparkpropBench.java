package dev.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.job.TrainingSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.sparkprop.ui.LivePage;
import org.apache.spark.sql.SparkSession;

/**
 * sparkprop's real training job ({@link TrainingJob#run}) on MNIST with the test set as the
 * per-epoch validation set, so every epoch records its cumulative training seconds (data loading
 * and evaluation excluded) and its test accuracy. From those: the time to 95, 97 and 98 %.
 *
 * <p>The configs: {@code sigmoid-adam} (MLlib's network, Adam, batch 256), {@code sigmoid-lbfgs}
 * (MLlib's network and solver: full-batch L-BFGS, {@code mllibIterations} iterations; accuracy
 * only at the end), and the project's own MNIST config files, {@code best}
 * ({@code conf/mnist-adam.properties}: the best accuracy), {@code fast}
 * ({@code conf/mnist-fast.properties}: the shortest time to 97%) and {@code main}
 * ({@code conf/mnist.properties}: the main job, gradient descent with Nesterov momentum; it was
 * {@code sgd} while that job was plain SGD); {@code fast-ui} is {@code fast} with the live page on and a
 * reader polling it twice a second as the page does ({@link PagePoller}), to price the page.
 */
public final class SparkpropBench {

    /** The accuracies whose first epoch is reported. */
    public static final List<Double> THRESHOLDS = List.of(0.95, 0.97, 0.98);
    /** Every config {@link #config} knows. */
    public static final List<String> CONFIGS = List.of("sigmoid-adam", "sigmoid-lbfgs", "best", "fast", "main",
            "best-float", "fast-float", "fast-ui");

    /** Each config with a float twin (the same config with {@code precision = float}), and the twin. */
    public static final List<Map.Entry<String, String>> FLOAT_TWINS = List.of(Map.entry("best", "best-float"),
            Map.entry("fast", "fast-float"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkpropBench() {
    }

    /**
     * The config keys of {@code name} on {@code data}, {@code partitions} partitions, writing to
     * {@code output}; {@code size} may cut the epochs. Config files are read from {@code confDir}.
     */
    public static Map<String, String> config(String name, BenchData data, BenchSize size, int partitions,
                                             Path confDir, Path output) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        switch (name) {
            case "sigmoid-adam" -> {
                keys.put("network", PassBench.MLLIB_NETWORK);
                keys.put("optimizer", "adam");
                keys.put("learning-rate", "0.001");
                keys.put("batch-size", "256");
                keys.put("init", "xavier");
                keys.put("epochs", "12");
            }
            case "sigmoid-lbfgs" -> {
                keys.put("network", PassBench.MLLIB_NETWORK);
                keys.put("optimizer", "lbfgs");
                keys.put("batch-size", "0");
                keys.put("init", "xavier");
                keys.put("epochs", Integer.toString(size.mllibIterations()));
            }
            case "best" -> keys.putAll(readProperties(confDir.resolve("mnist-adam.properties")));
            case "fast" -> keys.putAll(readProperties(confDir.resolve("mnist-fast.properties")));
            // The same configs with precision = float: accuracy and time beside the double runs.
            case "best-float" -> {
                keys.putAll(readProperties(confDir.resolve("mnist-adam.properties")));
                keys.put("precision", "float");
            }
            case "fast-float" -> {
                keys.putAll(readProperties(confDir.resolve("mnist-fast.properties")));
                keys.put("precision", "float");
            }
            case "fast-ui" -> {
                keys.putAll(readProperties(confDir.resolve("mnist-fast.properties")));
                keys.put("ui", "true");
                keys.put("ui-port", "0");
                keys.put("ui-linger", "0");
            }
            case "main" -> keys.putAll(readProperties(confDir.resolve("mnist.properties")));
            default -> throw new IllegalArgumentException("config '" + name + "': choose from " + CONFIGS);
        }
        keys.keySet().removeIf(key -> key.equals("test") || key.startsWith("checkpoint") || key.equals("resume"));
        keys.put("train", data.train());
        keys.put("validation", data.test());
        keys.put("format", "csv");
        keys.put("label-column", "label");
        keys.put("scaling", BenchData.SCALING);
        keys.put("partitions", Integer.toString(partitions));
        keys.put("output", output.toAbsolutePath().toString());
        keys.put("overwrite", "true");
        if (size.epochs() > 0 && !name.equals("sigmoid-lbfgs")) {
            keys.put("epochs", Integer.toString(size.epochs()));
        }
        return keys;
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> keys.put(key, properties.getProperty(key).trim()));
        return keys;
    }

    /** Trains {@code keys} in {@code spark}; the epoch lines go to {@code log}. */
    public static Map<String, Object> run(SparkSession spark, String name, Map<String, String> keys, PrintStream log)
            throws IOException {
        TrainConfig config = TrainConfig.fromMap(keys);
        HeapMeter.resetPeak();
        TrainingSummary summary;
        try (LivePage page = LivePage.open(config, log); PagePoller poller = PagePoller.start(page)) {
            summary = TrainingJob.run(spark, config, log, page);
        }
        double peakHeap = HeapMeter.peakMb();
        List<Map<String, Object>> curve = curve(Path.of(config.output().path(), RunOutput.METRICS_FILE), summary);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("network", config.text(ConfigKeys.NETWORK));
        result.put("optimizer", config.update().optimizer());
        result.put("batch_size", config.update().batchSize());
        result.put("partitions", config.spark().partitions());
        result.put("epochs", summary.get("epochs"));
        result.put("steps", summary.get("steps"));
        result.put("examples_per_second", summary.get("examples_per_second"));
        result.put("test_accuracy", summary.get("validation_accuracy"));
        result.put("training_seconds", curve.isEmpty() ? null : curve.get(curve.size() - 1).get("seconds"));
        result.put("time_to", timeTo(curve));
        result.put("step_split", stepSplit(summary));
        result.put("peak_heap_mb", Stats.round(peakHeap, 1));
        result.put("curve", curve);
        return result;
    }

    /** Per epoch (L-BFGS: per iteration) the cumulative training seconds and, where measured, the test accuracy. */
    private static List<Map<String, Object>> curve(Path metricsFile, TrainingSummary summary) throws IOException {
        List<Map<String, Object>> curve = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<?, ?> metrics = JSON.readValue(line, Map.class);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("epoch", metrics.containsKey("epoch") ? metrics.get("epoch") : metrics.get("iteration"));
            point.put("seconds", metrics.get("elapsed_seconds"));
            point.put("test_accuracy", metrics.get("validation_accuracy"));
            curve.add(point);
        }
        if (!curve.isEmpty() && curve.get(curve.size() - 1).get("test_accuracy") == null) {
            // L-BFGS judges the validation set only at the end.
            curve.get(curve.size() - 1).put("test_accuracy", summary.get("validation_accuracy"));
        }
        return curve;
    }

    /** Threshold → {seconds, epoch} of the first point at or above it, or null when never reached. */
    private static Map<String, Object> timeTo(List<Map<String, Object>> curve) {
        Map<String, Object> reached = new LinkedHashMap<>();
        for (double threshold : THRESHOLDS) {
            Map<String, Object> first = null;
            for (Map<String, Object> point : curve) {
                Object accuracy = point.get("test_accuracy");
                if (accuracy instanceof Number number && number.doubleValue() >= threshold) {
                    first = Map.of("seconds", point.get("seconds"), "epoch", point.get("epoch"));
                    break;
                }
            }
            reached.put(String.format(java.util.Locale.ROOT, "%.2f", threshold), first);
        }
        return reached;
    }

    /** The summary's timing split, per step in milliseconds. */
    private static Map<String, Object> stepSplit(TrainingSummary summary) {
        double steps = ((Number) summary.get("steps")).doubleValue();
        Map<String, Object> split = new LinkedHashMap<>();
        for (String key : List.of("step_jobs_seconds", "compute_seconds", "slowest_compute_seconds",
                "broadcast_seconds", "update_seconds")) {
            Object total = summary.get(key);
            split.put(key.replace("_seconds", "_ms_per_step"), total instanceof Number number
                    ? Stats.round(number.doubleValue() / steps * 1e3, 3) : null);
        }
        return split;
    }
}
