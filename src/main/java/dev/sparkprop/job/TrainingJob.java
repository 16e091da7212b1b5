package dev.sparkprop.job;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.linalg.Blas;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.report.ConfusionMatrix;
import dev.sparkprop.report.DecisionBoundary;
import dev.sparkprop.report.RunReport;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.Datasets;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.spark.SparkTraining;
import dev.sparkprop.train.Checkpoints;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.Sparsity;
import dev.sparkprop.train.StepTimings;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.train.Trainer;
import dev.sparkprop.train.TrainingResult;
import dev.sparkprop.ui.LivePage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code train} job: read and prepare the data on Spark, run the training loop over a
 * {@link SparkGradient}, judge the result, and write the model, its metrics and its report, all
 * or nothing.
 */
public final class TrainingJob {

    private final JavaSparkContext sc;
    private final TrainConfig config;
    private final NetworkSpec spec;
    private final PrintStream log;
    private final LivePage page;

    private TrainingJob(JavaSparkContext sc, TrainConfig config, PrintStream log, LivePage page) {
        this.sc = sc;
        this.config = config;
        this.spec = config.network().spec();
        this.log = log;
        this.page = page;
    }

    /**
     * Trains per {@code config} in {@code spark}, printing one line per epoch to {@code log}.
     * Bad input throws before anything is written; nothing is left under the output path unless
     * the whole run succeeded.
     */
    public static TrainingSummary run(SparkSession spark, TrainConfig config, PrintStream log) {
        return run(spark, config, log, LivePage.NONE);
    }

    /** As above, with the live {@code page} watching the loop and told the run's details and its end. */
    public static TrainingSummary run(SparkSession spark, TrainConfig config, PrintStream log, LivePage page) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        page.describe("Spark application", sc.sc().applicationId());
        page.describe("Spark UI", sc.sc().uiWebUrl().isDefined() ? sc.sc().uiWebUrl().get() : "off (spark.ui.enabled)");
        page.describe("master", sc.master());
        try {
            return new TrainingJob(sc, config, log, page).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The data of a run, cached and encoded, with what was fitted on the training set. */
    private record Prepared(CachedExamples train, CachedExamples validation, CachedExamples test, LabelIndex labels,
                            FeatureScaling scaling, List<RawExample> sample, String blas) {
        void release() {
            for (CachedExamples set : new CachedExamples[] {train, validation, test}) {
                if (set != null) {
                    set.release();
                }
            }
        }
    }

    private TrainingSummary run() throws IOException {
        long start = System.nanoTime();
        RunOutput output = RunOutput.prepare(config.output().path(), config.output().overwrite(), sc.hadoopConfiguration());
        SparkTraining training = new SparkTraining(sc, config, log, page.listener());
        Prepared data = prepare(training.partitions());
        page.describe("BLAS", data.blas());
        try {
            Checkpoints checkpoints = config.checkpoints().directory() == null ? null
                    : new Checkpoints(config.checkpoints().directory(), config.checkpoints().keep(), sc.hadoopConfiguration(),
                            weights -> new Model(spec, weights, data.labels(), data.scaling(), provenance()));
            SparkTraining.Run run = training.train(data.train(), data.validation(), checkpoints);
            double[] theta = run.theta();
            TrainingResult result = run.result();
            SparkGradient train = run.train();
            Trainer trainer = training.trainer();

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("epochs", result.epochs());
            summary.put("steps", result.steps());
            // train_cost is the J training minimized, at the final Θ over the whole training set;
            // validation_cost and test_cost are data costs (the penalty does not depend on the data),
            // and so is train_data_cost, written when J has a penalty to tell them apart.
            MetricSum trained = train.evaluate(theta);
            trainer.judgeTraining(trained, theta).putInto(summary, "train");
            if (config.update().lambda() != 0.0 || config.update().l1() != 0.0) {
                summary.put("train_data_cost", PassMetrics.round(PassMetrics.ofDataCost(trained).cost()));
            }
            summary.putAll(result.fields());
            MetricSum judged = trained;
            if (data.test() != null) {
                judged = training.judging(data.test()).evaluate(theta);
                PassMetrics.ofDataCost(judged).putInto(summary, "test");
            }
            summary.put("seconds", PassMetrics.round((System.nanoTime() - start) / 1e9));
            summary.put("blas", Blas.implementation());
            summary.put("model", output.modelPath());
            putTimings(summary, train.timings());
            Map<String, String> metrics = new LinkedHashMap<>();
            summary.forEach((key, value) -> metrics.put(key, String.valueOf(value)));
            Model model = new Model(spec, theta, data.labels(), data.scaling(), provenance().withMetrics(metrics));
            ConfusionMatrix confusion = judged.isClassification() ? new ConfusionMatrix(
                    data.test() != null ? "test" : "train", data.labels().names(), judged.confusionMatrix()) : null;
            RunReport.Contents report = new RunReport.Contents(model, result.metricsLines(), confusion, data.sample());
            output.write(model, result.metricsLines(), (fs, staging) -> RunReport.write(report, fs, staging, log));
            page.finished(summary, confusion, theta, result.epochs());
            return new TrainingSummary(summary);
        } finally {
            data.release();
        }
    }

    /**
     * Reads the data once, holds out the validation fraction if asked, fits class names and
     * scaling on the training rows, and caches every set as balanced blocks.
     */
    private Prepared prepare(int partitions) {
        int features = spec.inputSize(); // the config checked the features key against it
        JavaRDD<RawExample> all = read(config.data().train(), features);
        double heldOut = config.data().validationFraction();
        boolean holdOut = heldOut > 0 && config.data().validation() == null;
        JavaRDD<RawExample> rows = holdOut ? Datasets.split(all, config.seed(), heldOut, false) : all;
        rows.persist(StorageLevel.MEMORY_AND_DISK());
        LabelIndex labels = spec.output().isClassification()
                ? Datasets.fitLabels(rows, Math.max(2, spec.outputSize())) : null;
        if (labels == null && spec.outputSize() != 1) {
            throw new IllegalArgumentException("network=" + spec + ": regression needs one linear output unit");
        }
        FeatureScaling scaling = Datasets.fitScaling(rows, config.data().scaling(), features, config.spark().treeDepth());
        ExampleEncoder encoder = new ExampleEncoder(spec.outputSize(), labels, scaling);
        String level = config.spark().storageLevel();
        CachedExamples train = CachedExamples.build(rows, encoder, partitions, config.spark().precision(),
                config.spark().sparsity(), level);
        Sparsity asTrained = Sparsity.of(train.isSparse()); // validation and test sets are held as the training set
        List<RawExample> sample = DataReader.perform(() -> reportSample(rows, features));
        rows.unpersist(false);
        CachedExamples validation = holdOut
                ? CachedExamples.build(Datasets.split(all, config.seed(), heldOut, true), encoder, partitions,
                        Precision.DOUBLE, asTrained, level)
                : optionalSet(config.data().validation(), features, encoder, partitions, asTrained);
        CachedExamples test = optionalSet(config.data().test(), features, encoder, partitions, asTrained);
        String blas = train.describeBlas();
        log.println("sparkprop: " + train.count() + " training examples in " + train.partitions()
                + " partitions; BLAS " + blas + "; " + train.describeLayout());
        return new Prepared(train, validation, test, labels, scaling, sample, blas);
    }

    /**
     * Training rows for the report's pictures: the points of a 2-input plane or a 1-input curve,
     * a hundred images of an image input (the first rows, as the data lists them); none otherwise.
     */
    private List<RawExample> reportSample(JavaRDD<RawExample> rows, int features) {
        if (features <= 2) {
            return rows.takeSample(false, DecisionBoundary.MAX_POINTS, config.seed());
        }
        return RunReport.takesImages(features) ? rows.take(RunReport.IMAGES_DRAWN) : List.of();
    }

    private JavaRDD<RawExample> read(String path, int features) {
        return Datasets.read(sc, path, config.data().format(), config.data().labelColumn(), features,
                config.spark().partitions());
    }

    private CachedExamples optionalSet(String path, int features, ExampleEncoder encoder, int partitions,
                                       Sparsity sparsity) {
        return path == null ? null
                : CachedExamples.build(read(path, features), encoder, partitions, Precision.DOUBLE, sparsity,
                        config.spark().storageLevel());
    }

    private static void putTimings(Map<String, Object> into, StepTimings timings) {
        into.put("step_jobs_seconds", PassMetrics.round(timings.jobSeconds()));
        into.put("compute_seconds", PassMetrics.round(timings.computeSeconds()));
        into.put("slowest_compute_seconds", PassMetrics.round(timings.slowestComputeSeconds()));
        into.put("broadcast_seconds", PassMetrics.round(timings.broadcastSeconds()));
        into.put("update_seconds", PassMetrics.round(timings.updateSeconds()));
    }

    /** What a model file records about how it was made: the resolved config, versions, date. */
    private Provenance provenance() {
        return Provenance.now(config.toMap(), sc.version());
    }
}
