package dev.sparkprop.train;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.linalg.Blas;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.GradientDescent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code train} job: read and prepare the data, run the epochs on Spark, judge the result,
 * and write the model and its metrics, all or nothing.
 */
public final class TrainingJob {

    private final JavaSparkContext sc;
    private final TrainConfig config;
    private final NetworkSpec spec;
    private final PrintStream log;
    private final List<String> metricsLines = new ArrayList<>();

    private TrainingJob(JavaSparkContext sc, TrainConfig config, PrintStream log) {
        this.sc = sc;
        this.config = config;
        this.spec = config.networkSpec();
        this.log = log;
    }

    /**
     * Trains per {@code config} in {@code spark}, printing one line per epoch to {@code log}.
     * Bad input throws before anything is written; nothing is left under the output path unless
     * the whole run succeeded.
     */
    public static TrainingSummary run(SparkSession spark, TrainConfig config, PrintStream log) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        try {
            return new TrainingJob(sc, config, log).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private TrainingSummary run() throws IOException {
        long start = System.nanoTime();
        RunOutput output = RunOutput.prepare(config.output(), config.overwrite(), sc.hadoopConfiguration());
        int features = featureCount();
        JavaRDD<RawExample> rows = Datasets.read(sc, config, config.train(), features);
        rows.persist(StorageLevel.MEMORY_AND_DISK());
        LabelIndex labels = spec.output().isClassification()
                ? Datasets.fitLabels(rows, Math.max(2, spec.outputSize())) : null;
        if (labels == null && spec.outputSize() != 1) {
            throw new IllegalArgumentException("network=" + spec + ": regression needs one linear output unit");
        }
        FeatureScaling scaling = Datasets.fitScaling(rows, config.scaling(), features, config.treeDepth());
        ExampleEncoder encoder = new ExampleEncoder(spec.outputSize(), labels, scaling);
        int partitions = config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
        TrainingSet train = TrainingSet.build(rows, encoder, partitions);
        rows.unpersist(false);
        TrainingSet validation = optionalSet(config.validation(), features, encoder, partitions);
        TrainingSet test = optionalSet(config.test(), features, encoder, partitions);
        log.println("sparkprop: " + train.count() + " training examples in " + train.partitions()
                + " partitions; BLAS " + describeBlas(train));

        double[] theta = config.initialization().initialize(spec, config.seed());
        DistributedTrainer trainer = new DistributedTrainer(sc, spec, config.lambda(), config.treeDepth(),
                config.blockSize(), config.seed());
        Map<String, Object> last = trainEpochs(trainer, train, validation, theta, start);
        Map<String, Object> result = new LinkedHashMap<>(last);
        if (test != null) {
            putMetrics(result, "test", trainer, trainer.evaluate(test, theta), theta);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("seconds", round(seconds));
        result.put("blas", Blas.implementation());
        result.put("model", output.modelPath());
        putTimings(result, trainer.timings());
        output.write(new Model(spec, theta, labels, scaling, modelInfo(result)), metricsLines);
        train.release();
        release(validation);
        release(test);
        return new TrainingSummary(result);
    }

    private int featureCount() {
        if (config.features() != -1 && config.features() != spec.inputSize()) {
            throw new IllegalArgumentException("features=" + config.features() + ": the network's input layer has "
                    + spec.inputSize() + " units");
        }
        return spec.inputSize();
    }

    private TrainingSet optionalSet(String path, int features, ExampleEncoder encoder, int partitions) {
        return path == null ? null : TrainingSet.build(Datasets.read(sc, config, path, features), encoder, partitions);
    }

    private static void release(TrainingSet set) {
        if (set != null) {
            set.release();
        }
    }

    /** The BLAS of the driver and of the executors (one small job), with the native hint if any is Java. */
    private String describeBlas(TrainingSet train) {
        List<String> executors = DataReader.perform(() -> train.blocks()
                .map(block -> Blas.implementation()).distinct().collect());
        String driver = Blas.describe();
        return executors.equals(List.of(Blas.implementation())) ? driver
                : driver + "; executors " + String.join(", ", executors);
    }

    /** The epoch loop; returns the last epoch's metrics. */
    private Map<String, Object> trainEpochs(DistributedTrainer trainer, TrainingSet train, TrainingSet validation,
                                            double[] theta, long start) {
        MinibatchPlan plan = new MinibatchPlan(train.partitionSizes(), config.batchSize());
        GradientDescent optimizer = new GradientDescent(config.learningRate());
        Map<String, Object> metrics = new LinkedHashMap<>();
        double trainingSeconds = 0;
        double firstEpochStart = (System.nanoTime() - start) / 1e9; // ETA counts epochs only, not data loading
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            GradientSum running = trainer.runEpoch(train, plan, epoch, optimizer, theta);
            trainingSeconds += (System.nanoTime() - epochStart) / 1e9;
            metrics = new LinkedHashMap<>();
            metrics.put("epoch", epoch + 1);
            metrics.put("epochs", epoch + 1);
            metrics.put("steps", (long) (epoch + 1) * plan.stepsPerEpoch());
            putRunning(metrics, trainer, running, theta);
            if (validation != null) {
                putMetrics(metrics, "validation", trainer, trainer.evaluate(validation, theta), theta);
            }
            double examplesPerSecond = (epoch + 1) * (double) train.count() / trainingSeconds;
            double elapsed = (System.nanoTime() - start) / 1e9;
            metrics.put("examples_per_second", Math.round(examplesPerSecond));
            metrics.put("elapsed_seconds", round(elapsed));
            metricsLines.add(TrainingSummary.toJson(metrics));
            double eta = (elapsed - firstEpochStart) / (epoch + 1) * (config.epochs() - epoch - 1);
            log.println(EpochLine.format(metrics, config.epochs(), eta));
        }
        metrics.remove("epoch");
        metrics.remove("elapsed_seconds");
        metrics.put("examples_per_second", Math.round(config.epochs() * (double) train.count() / trainingSeconds));
        putMetrics(metrics, "train", trainer, trainer.evaluate(train, theta), theta);
        return metrics;
    }

    /** The epoch's running train metrics: what its steps saw, each at the Θ it started from. */
    private void putRunning(Map<String, Object> into, DistributedTrainer trainer, GradientSum running, double[] theta) {
        into.put("train_cost", round(trainer.cost(running.cost(), running.count(), theta)));
        if (spec.output().isClassification()) {
            into.put("train_accuracy", round((double) running.correct() / running.count()));
        } else {
            into.put("train_rmse", round(Math.sqrt(2.0 * running.cost() / running.count())));
        }
    }

    private static void putMetrics(Map<String, Object> into, String prefix, DistributedTrainer trainer, MetricSum sums,
                                   double[] theta) {
        into.put(prefix + "_cost", round(trainer.cost(sums.costSum(), sums.count(), theta)));
        if (sums.isClassification()) {
            into.put(prefix + "_accuracy", round(sums.accuracy()));
        } else {
            into.put(prefix + "_rmse", round(sums.rmse()));
        }
    }

    private static void putTimings(Map<String, Object> into, StepTimings timings) {
        into.put("step_jobs_seconds", round(timings.jobSeconds()));
        into.put("broadcast_seconds", round(timings.broadcastSeconds()));
        into.put("update_seconds", round(timings.updateSeconds()));
    }

    /** What the model file records about this run. */
    private Map<String, String> modelInfo(Map<String, Object> result) {
        Map<String, String> info = new LinkedHashMap<>();
        config.toMap().forEach((key, value) -> info.put("config." + key, value));
        result.forEach((key, value) -> info.put("metrics." + key, String.valueOf(value)));
        info.put("sparkprop.version", Versions.SPARKPROP);
        info.put("spark.version", sc.version());
        info.put("java.version", System.getProperty("java.version"));
        info.put("created", Instant.now().toString());
        return info;
    }

    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
    }
}
