package dev.sparkprop.train;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.linalg.Blas;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.DecisionBoundary;
import dev.sparkprop.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    /** The data of a run, cached and encoded, with what was fitted on the training set. */
    private record Prepared(TrainingSet train, TrainingSet validation, TrainingSet test, LabelIndex labels,
                            FeatureScaling scaling, List<RawExample> sample) {
        void release() {
            for (TrainingSet set : new TrainingSet[] {train, validation, test}) {
                if (set != null) {
                    set.release();
                }
            }
        }
    }

    private TrainingSummary run() throws IOException {
        long start = System.nanoTime();
        RunOutput output = RunOutput.prepare(config.output(), config.overwrite(), sc.hadoopConfiguration());
        Prepared data = prepare();
        try {
            DistributedTrainer trainer = new DistributedTrainer(sc, spec,
                    new Penalties(config.lambda(), config.update().l1()), config.treeDepth(),
                    config.blockSize(), config.seed(), TrainConfig.dropoutRates(config.dropout(), spec));
            double[] theta = config.initialization().initialize(spec, config.seed());
            List<String> metricsLines = new ArrayList<>();
            Map<String, Object> result = train(data, trainer, theta, metricsLines, start);
            MetricSum trained = trainer.evaluate(data.train(), theta);
            putMetrics(result, "train", trainer, trained, theta);
            MetricSum judged = trained;
            if (data.test() != null) {
                judged = trainer.evaluate(data.test(), theta);
                putMetrics(result, "test", trainer, judged, theta);
            }
            result.put("seconds", round((System.nanoTime() - start) / 1e9));
            result.put("blas", Blas.implementation());
            result.put("model", output.modelPath());
            putTimings(result, trainer.timings());
            Map<String, String> metrics = new LinkedHashMap<>();
            result.forEach((key, value) -> metrics.put(key, String.valueOf(value)));
            Model model = new Model(spec, theta, data.labels(), data.scaling(), provenance().withMetrics(metrics));
            ConfusionMatrix confusion = judged.isClassification() ? new ConfusionMatrix(
                    data.test() != null ? "test" : "train", data.labels().names(), judged.confusionMatrix()) : null;
            RunReport.Contents report = new RunReport.Contents(model, metricsLines, confusion, data.sample());
            output.write(model, metricsLines, (fs, staging) -> RunReport.write(report, fs, staging, log));
            return new TrainingSummary(result);
        } finally {
            data.release();
        }
    }

    /**
     * Reads the data once, holds out the validation fraction if asked, fits class names and
     * scaling on the training rows, and caches every set as balanced blocks.
     */
    private Prepared prepare() {
        int features = featureCount();
        JavaRDD<RawExample> all = Datasets.read(sc, config, config.train(), features);
        double heldOut = config.stopping().validationFraction();
        boolean holdOut = heldOut > 0 && config.validation() == null;
        JavaRDD<RawExample> rows = holdOut ? Datasets.split(all, config.seed(), heldOut, false) : all;
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
        // Points for the decision-boundary picture, which only 2-D inputs have.
        List<RawExample> sample = features == 2
                ? DataReader.perform(() -> rows.takeSample(false, DecisionBoundary.MAX_POINTS, config.seed()))
                : List.of();
        rows.unpersist(false);
        TrainingSet validation = holdOut
                ? TrainingSet.build(Datasets.split(all, config.seed(), heldOut, true), encoder, partitions)
                : optionalSet(config.validation(), features, encoder, partitions);
        TrainingSet test = optionalSet(config.test(), features, encoder, partitions);
        log.println("sparkprop: " + train.count() + " training examples in " + train.partitions()
                + " partitions; BLAS " + describeBlas(train));
        return new Prepared(train, validation, test, labels, scaling, sample);
    }

    /** Runs the optimizer's loop on θ in place; fills {@code metricsLines}; returns the final metrics. */
    private Map<String, Object> train(Prepared data, DistributedTrainer trainer, double[] theta,
                                      List<String> metricsLines, long start) throws IOException {
        if (config.update().isLbfgs()) {
            LbfgsLoop loop = new LbfgsLoop(config, trainer, data.train(), data.validation(), log);
            Map<String, Object> result = new LinkedHashMap<>(loop.run(theta));
            metricsLines.addAll(loop.metricsLines());
            return result;
        }
        UpdateRule rule = new UpdateRule(spec, config.update(), config.learningRate());
        Function<double[], Model> modelOf = weights -> new Model(spec, weights, data.labels(), data.scaling(),
                provenance());
        Checkpoints checkpoints = config.checkpointDirectory() == null ? null
                : new Checkpoints(config.checkpointDirectory(), config.checkpointKeep(), sc.hadoopConfiguration());
        TrainingPosition from = config.resume() == null ? TrainingPosition.start()
                : resume(checkpoints, theta, rule.optimizer());
        EpochLoop loop = new EpochLoop(config, trainer, data.train(), data.validation(), log, checkpoints, modelOf);
        Map<String, Object> result = new LinkedHashMap<>(loop.run(theta, rule, from, start));
        metricsLines.addAll(loop.metricsLines());
        return result;
    }

    /** Loads the newest readable checkpoint into θ and the optimizer; returns where to go on from. */
    private TrainingPosition resume(Checkpoints checkpoints, double[] theta, Optimizer optimizer) throws IOException {
        Checkpoints.Restored restored = checkpoints.latest(log).orElseThrow(() -> new IllegalArgumentException(
                "resume=" + config.resume() + ": no readable checkpoint in that directory"));
        restored.checkCompatible(config, config.resume());
        System.arraycopy(restored.model().theta(), 0, theta, 0, theta.length);
        optimizer.restore(restored.optimizerState());
        TrainingPosition position = restored.position();
        log.println("sparkprop: resuming at epoch " + (position.epoch() + 1) + ", step " + (position.step() + 1)
                + " (global step " + position.globalStep() + ")");
        return position;
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

    /** The BLAS of the driver and of the executors (one small job), with the native hint if any is Java. */
    private String describeBlas(TrainingSet train) {
        List<String> executors = DataReader.perform(() -> train.blocks()
                .map(block -> Blas.implementation()).distinct().collect());
        String driver = Blas.describe();
        return executors.equals(List.of(Blas.implementation())) ? driver
                : driver + "; executors " + String.join(", ", executors);
    }

    /** Puts {@code PREFIX_cost} and {@code PREFIX_accuracy} (or {@code PREFIX_rmse}) from evaluation sums. */
    static void putMetrics(Map<String, Object> into, String prefix, DistributedTrainer trainer, MetricSum sums,
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
        into.put("compute_seconds", round(timings.computeSeconds()));
        into.put("slowest_compute_seconds", round(timings.slowestComputeSeconds()));
        into.put("broadcast_seconds", round(timings.broadcastSeconds()));
        into.put("update_seconds", round(timings.updateSeconds()));
    }

    /** What a model file records about how it was made: the resolved config, versions, date. */
    private Provenance provenance() {
        return Provenance.now(config.toMap(), sc.version());
    }

    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
    }
}
