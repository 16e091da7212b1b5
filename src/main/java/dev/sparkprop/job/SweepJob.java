package dev.sparkprop.job;

import dev.sparkprop.data.DataFormatException;
import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.ml.SparkpropClassificationModel;
import dev.sparkprop.ml.SparkpropClassifier;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.model.RunOutput;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.spark.Datasets;
import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code sweep} job: trains one candidate per combination of a {@link SweepGrid} with
 * sparkprop's Spark ML estimator, judges each on a validation set, keeps the best, and scores
 * that one model on the test set, once, at the end. The test set never takes part in the choice.
 *
 * <p>The training data are read by sparkprop's own readers (CSV, LIBSVM, Parquet, class names as
 * in {@code train}) into a DataFrame of ({@code features} vector, {@code label} class index).
 * The validation set is, in this order of precedence ({@link SweepValidation}):
 * <ul>
 *   <li>{@code --folds K}: Spark's {@code CrossValidator}; the best settings are then refitted on
 *       all the training data (Spark's rule);
 *   <li>a {@code validation} file: a split given by the user; each candidate is fitted on the
 *       training data and judged on that file, and the best candidate is the model;
 *   <li>{@code validation-fraction F}: Spark's {@code TrainValidationSplit} with train ratio
 *       1 - F and the config's seed; the best settings are refitted on all the training data.
 * </ul>
 * Candidates are fitted {@code parallelism} at a time (Spark's {@code setParallelism}). Each is
 * judged by Spark's {@code MulticlassClassificationEvaluator}: its validation cost (log loss,
 * the mean cross-entropy without the λ term: the notes' J_cv) and accuracy, and its training
 * accuracy; the choice is by {@code metric} (cost: smallest; accuracy: largest; the first
 * candidate wins a tie).
 *
 * <p>The output directory, all or nothing as {@code train}'s ({@link RunOutput}): the best
 * model as {@code model.sparkprop} (so {@code evaluate} and {@code predict} take it),
 * {@code metrics.jsonl} (one line per candidate), {@code sweep.csv} and {@code sweep.png}.
 */
public final class SweepJob {

    /** The sweep's table in the output directory. */
    public static final String CSV_FILE = "sweep.csv";
    /** The plot of the validation metric across the grid. */
    public static final String PLOT_FILE = "sweep.png";
    /** The keys a sweep reads itself rather than passing to the estimator. */
    private static final Set<String> FRAME_KEYS = Set.of("train", "test", "validation", "format", "features",
            "label-column", "output", "overwrite", "master", "validation-fraction");
    /**
     * Estimator Params a sweep does not pass on: each candidate trains for its epochs on its
     * split, so it has no validation set of its own to stop early on, and no checkpoints to
     * write or resume from. A config that sets one is refused.
     */
    private static final Set<String> NOT_PER_CANDIDATE = Set.of("early-stopping-patience",
            "early-stopping-min-delta", "checkpoint-dir", "checkpoint-steps", "checkpoint-epochs", "checkpoint-keep",
            "resume");
    private static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    /**
     * How to sweep besides the config and the grid.
     *
     * @param folds K for K-fold cross-validation, or 0 for a validation file or fraction
     * @param metric {@code cost} or {@code accuracy}: what picks the best candidate
     * @param parallelism candidates fitted at a time; 0: as many as the cluster's cores hold at
     *     the config's partitions per fit
     */
    public record Settings(int folds, String metric, int parallelism) {
        /** Checks the values; each refusal is one line. */
        public Settings {
            if (folds != 0 && folds < 2) {
                throw new IllegalArgumentException("--folds " + folds + ": cross-validation needs at least 2 folds");
            }
            if (!metric.equals("cost") && !metric.equals("accuracy")) {
                throw new IllegalArgumentException("--metric " + metric + ": must be cost or accuracy");
            }
            if (parallelism < 0) {
                throw new IllegalArgumentException("--parallelism " + parallelism + ": must be >= 1 (0: automatic)");
            }
        }
    }

    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final TrainConfig config;
    private final SweepGrid grid;
    private final Settings settings;
    private final PrintStream out;

    private SweepJob(SparkSession spark, TrainConfig config, SweepGrid grid, Settings settings, PrintStream out) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.config = config;
        this.grid = grid;
        this.settings = settings;
        this.out = out;
    }

    /**
     * Checks that {@code config} and {@code grid} make a sweep, before any Spark work: a
     * classification network, a validation set (file, fraction or folds, never the test set),
     * every candidate a valid config, and no setting the estimator would silently ignore.
     */
    public static void check(TrainConfig config, SweepGrid grid, Settings settings) {
        NetworkSpec spec = config.network().spec();
        if (!spec.output().isClassification()) {
            throw new IllegalArgumentException("network=" + spec + ": sweep chooses classifiers; this network has a"
                    + " linear output");
        }
        boolean file = config.data().validation() != null;
        if (settings.folds() > 0 && (file || config.data().validationFraction() > 0)) {
            throw new IllegalArgumentException("--folds " + settings.folds() + ": cross-validation makes its own"
                    + " validation sets; drop " + (file ? "validation=" + config.data().validation()
                    : "validation-fraction=" + config.data().validationFraction()) + " or --folds");
        }
        if (settings.folds() == 0 && !file && config.data().validationFraction() == 0) {
            throw new IllegalArgumentException("sweep needs a validation set to choose on (never the test set):"
                    + " give validation=FILE, validation-fraction=F or --folds K");
        }
        SparkpropClassifier estimator = new SparkpropClassifier();
        Map<String, String> defaults = TrainConfig.fromMap(Map.of("network", spec.toString(), "train", "-",
                "output", "-")).toMap();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String value = config.text(key);
            boolean isParam = passedOn(estimator, key);
            if (!isParam && !FRAME_KEYS.contains(key.name()) && !Objects.equals(value, defaults.get(key.name()))) {
                throw new IllegalArgumentException(key.name() + "=" + value + ": a sweep trains each candidate"
                        + " for its epochs without this setting; remove it from the config");
            }
        }
        for (Map<String, String> candidate : grid.combinations()) {
            Map<String, String> keys = new LinkedHashMap<>(config.toMap());
            keys.putAll(candidate);
            TrainConfig.fromMap(keys); // e.g. dropout rates that do not fit a candidate's network
        }
    }

    /**
     * Runs the sweep in {@code spark}, printing the candidates' table, the choice and the test
     * score to {@code out}. Bad input throws before the output directory is touched; the
     * directory appears only when complete.
     */
    public static SweepSummary run(SparkSession spark, TrainConfig config, SweepGrid grid, Settings settings,
                                   PrintStream out) {
        check(config, grid, settings);
        try {
            return new SweepJob(spark, config, grid, settings, out).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private SweepSummary run() throws IOException {
        long start = System.nanoTime();
        RunOutput output = RunOutput.prepare(config.output().path(), config.output().overwrite(), sc.hadoopConfiguration());
        JavaRDD<RawExample> trainRows = read(config.data().train());
        LabelIndex labels = Datasets.fitLabels(trainRows, Math.max(2, config.network().spec().outputSize()));
        Dataset<Row> train = frame(trainRows, labels);
        Dataset<Row> validationFile = config.data().validation() == null ? null
                : frame(read(config.data().validation()), labels);
        try {
            Choice choice = choose(train, validationFile);
            SweepRow best = choice.best();
            Model model = savedModel(choice.model(), labels, best.settings());
            EvaluationReport test = null;
            if (config.data().test() != null) { // the test set's only use, after the choice
                test = ModelJobs.evaluate(sc, model, read(config.data().test()), partitions(), null);
                out.println("sparkprop: test set, scored once with the chosen model: accuracy "
                        + PassMetrics.round(test.sums().accuracy()) + ", cost " + PassMetrics.round(test.cost())
                        + " (" + test.examples() + " examples)");
            }
            Map<String, Object> summary = summary(choice, test, start, output.modelPath());
            Map<String, String> metrics = new LinkedHashMap<>();
            summary.forEach((key, value) -> metrics.put(key, String.valueOf(value)));
            Model saved = new Model(model.spec(), model.theta(), model.labels(), model.scaling(),
                    model.provenance().withMetrics(metrics));
            output.write(saved, choice.table().jsonLines(),
                    (fs, staging) -> choice.table().writeInto(fs, staging, CSV_FILE, PLOT_FILE));
            return new SweepSummary(summary, choice.table());
        } finally {
            train.unpersist();
            if (validationFile != null) {
                validationFile.unpersist();
            }
        }
    }

    /** The candidates' table, the chosen row and the chosen model. */
    private record Choice(SweepTable table, SweepRow best, SparkpropClassificationModel model) {
    }

    /** Fits and judges every candidate, prints the table and the choice. */
    private Choice choose(Dataset<Row> train, Dataset<Row> validationFile) {
        SparkpropClassifier estimator = estimator();
        ParamMap[] candidates = grid.paramMaps(estimator);
        int parallelism = settings.parallelism() > 0 ? settings.parallelism()
                : Math.max(1, Math.min(candidates.length, sc.defaultParallelism() / partitions()));
        out.println("sparkprop: sweep of " + candidates.length + " candidates over " + String.join(", ", grid.keys())
                + ", " + SweepValidation.describe(config, settings) + ", " + parallelism + " at a time");
        SweepValidation.Outcome outcome = SweepValidation.run(estimator, candidates, train, validationFile, config,
                settings, parallelism);
        List<SweepRow> rows = new ArrayList<>();
        for (int i = 0; i < candidates.length; i++) {
            rows.add(new SweepRow(i + 1, grid.settings(estimator, candidates[i]), outcome.scores().get(i),
                    i == outcome.best()));
        }
        SweepTable table = new SweepTable(grid.keys(), rows, settings.metric());
        out.print(table.toText());
        SweepRow best = rows.get(outcome.best());
        out.println("sparkprop: best: " + best.describe() + " (validation " + settings.metric() + " "
                + PassMetrics.round(best.scores().metric(settings.metric())) + ")");
        return new Choice(table, best, outcome.bestModel());
    }

    /** The last line's fields: the choice, its scores, the test score if any, seconds, the model's path. */
    private static Map<String, Object> summary(Choice choice, EvaluationReport test, long start, String modelPath) {
        SweepRow best = choice.best();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("candidates", choice.table().size());
        summary.put("best", best.number());
        summary.putAll(best.settings());
        summary.put("validation_cost", PassMetrics.round(best.scores().validationCost()));
        summary.put("validation_accuracy", PassMetrics.round(best.scores().validationAccuracy()));
        summary.put("train_accuracy", PassMetrics.round(best.scores().trainAccuracy()));
        if (test != null) {
            summary.put("test_cost", PassMetrics.round(test.cost()));
            summary.put("test_accuracy", PassMetrics.round(test.sums().accuracy()));
        }
        summary.put("seconds", PassMetrics.round((System.nanoTime() - start) / 1e9));
        summary.put("model", modelPath);
        return summary;
    }

    /** The estimator with the config's settings; the grid's axes are laid over them per candidate. */
    private SparkpropClassifier estimator() {
        SparkpropClassifier estimator = new SparkpropClassifier();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String value = config.text(key);
            if (value != null && passedOn(estimator, key)) {
                estimator.set(key.sparkMlName(), value);
            }
        }
        return estimator;
    }

    /**
     * Whether the config's {@code key} goes to every candidate's estimator as its Param: not when
     * the sweep reads it itself (data, output, the validation fraction it splits by) or cannot
     * honour it per candidate.
     */
    private static boolean passedOn(SparkpropClassifier estimator, ConfigKey<?> key) {
        return estimator.hasParam(key.sparkMlName()) && !SparkpropClassifier.NOT_PARAMS.contains(key.name())
                && !FRAME_KEYS.contains(key.name()) && !NOT_PER_CANDIDATE.contains(key.name());
    }

    /**
     * The chosen candidate as sparkprop's model: its Θ and scaling, the training data's class
     * names, and the config it was trained with (the sweep's, with the candidate's values).
     */
    private Model savedModel(SparkpropClassificationModel chosen, LabelIndex labels, Map<String, String> values) {
        Map<String, String> keys = new LinkedHashMap<>(config.toMap());
        keys.putAll(values);
        Map<String, String> resolved = TrainConfig.fromMap(keys).toMap();
        Model fitted = chosen.model();
        return new Model(fitted.spec(), fitted.theta(), labels, fitted.scaling(),
                Provenance.now(resolved, sc.version()));
    }

    private int partitions() {
        return config.spark().partitions() > 0 ? config.spark().partitions() : sc.defaultParallelism();
    }

    private JavaRDD<RawExample> read(String path) {
        return Datasets.read(sc, path, config.data().format(), config.data().labelColumn(),
                config.network().spec().inputSize(), config.spark().partitions());
    }

    /**
     * The rows as Spark ML wants them, cached: ({@code features}, {@code label} = the class index
     * of the training data's names). A label the training data do not have is refused now, with
     * its file and line.
     */
    private Dataset<Row> frame(JavaRDD<RawExample> rows, LabelIndex labels) {
        JavaRDD<Row> encoded = rows.map(row -> RowFactory.create(Vectors.dense(row.features()),
                (double) classIndex(labels, row)));
        Dataset<Row> frame = spark.createDataFrame(encoded, SCHEMA).cache();
        DataReader.perform(frame::count);
        return frame;
    }

    private static int classIndex(LabelIndex labels, RawExample row) {
        try {
            return labels.indexOf(row.label());
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(row.source(), row.line(), e.getMessage());
        }
    }
}
