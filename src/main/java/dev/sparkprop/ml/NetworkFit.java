package dev.sparkprop.ml;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.Datasets;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.SparkTraining;
import dev.sparkprop.train.Checkpoints;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.PassMetrics;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.Sparsity;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.ui.LivePage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;

/**
 * The one {@code fit} of both estimators, the data half of the {@code train} job over a
 * DataFrame: read the columns once ({@link DataFrameRows}), hold out the validation rows (by
 * indicator column or by seeded fraction, as the job does), fit the scaling on the training rows,
 * cache both sets as balanced blocks, and run {@link SparkTraining}, with checkpoints when a
 * directory is set. The final Θ is then judged once on the training set, as the job does for its
 * summary line.
 */
final class NetworkFit {

    private NetworkFit() {
    }

    /** The columns a fit reads; {@code validationIndicator} may be null. */
    record Columns(String features, String label, String validationIndicator) {
    }

    /** The trained network and how training went. */
    record Fitted(Model model, SparkpropTrainingSummary summary) {
    }

    /**
     * Trains per {@code config} on {@code dataset}; {@code labels} are the classes, or null for a
     * regression network; {@code start} is Θ to start from ({@code initialWeights}, already through
     * {@link dev.sparkprop.train.StartingTheta#given}), or null for the config's start (seeded, or given by
     * {@code init=theta:FILE} or {@code initialModel}, made by the same {@code StartingTheta}).
     * Bad rows and conflicting settings are refused before training.
     */
    static Fitted run(Dataset<?> dataset, TrainConfig config, Columns columns, LabelIndex labels, double[] start,
                      PrintStream log) {
        long fitStart = System.nanoTime();
        NetworkSpec spec = config.network().spec();
        double fraction = config.data().validationFraction();
        if (columns.validationIndicator() != null && fraction > 0) {
            throw new IllegalArgumentException("validationIndicatorCol '" + columns.validationIndicator()
                    + "' and validationFraction=" + fraction + " both choose the validation rows; set one of them");
        }
        if (start != null && config.network().thetaGiven()) {
            throw new IllegalArgumentException("initialWeights and " + (config.network().initialModel() != null
                    ? "initialModel" : "init=" + config.text(ConfigKeys.INIT)) + " both give the Θ to start from;"
                    + " set one of them");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        DataFrameRows rows = DataFrameRows.read(dataset, columns.features(), columns.label(),
                columns.validationIndicator(), labels == null ? 0 : labels.size());
        LivePage page = LivePage.open(config, log);
        page.describe("Spark application", sc.sc().applicationId());
        page.describe("Spark UI", sc.sc().uiWebUrl().isDefined() ? sc.sc().uiWebUrl().get() : "off (spark.ui.enabled)");
        SparkTraining training = new SparkTraining(sc, config, log, page.listener());
        CachedExamples train = null;
        CachedExamples validation = null;
        try {
            JavaRDD<RawExample> trainRows;
            JavaRDD<RawExample> validationRows = null;
            if (columns.validationIndicator() != null) {
                trainRows = rows.indicated(false);
                validationRows = rows.indicated(true);
            } else if (fraction > 0) {
                trainRows = Datasets.split(rows.all(), config.seed(), fraction, false);
                validationRows = Datasets.split(rows.all(), config.seed(), fraction, true);
            } else {
                trainRows = rows.all();
            }
            FeatureScaling scaling = Datasets.fitScaling(trainRows, config.data().scaling(), spec.inputSize(),
                    config.spark().treeDepth());
            ExampleEncoder encoder = new ExampleEncoder(spec.outputSize(), labels, scaling);
            String level = config.spark().storageLevel();
            train = CachedExamples.build(trainRows, encoder, training.partitions(), config.spark().precision(),
                    config.spark().sparsity(), level);
            page.describe("BLAS", page.address().isPresent() ? train.describeBlas() : null);
            validation = validationRows == null ? null
                    : CachedExamples.build(validationRows, encoder, training.partitions(), Precision.DOUBLE,
                            Sparsity.of(train.isSparse()), level);
            rows.release(); // the examples are cached in their blocks now
            Provenance provenance = Provenance.now(config.toMap(), sc.version());
            Checkpoints checkpoints = checkpoints(config, sc,
                    weights -> new Model(spec, weights, labels, scaling, provenance));
            SparkTraining.Run run = start == null ? training.train(train, validation, checkpoints)
                    : training.train(start, train, validation, checkpoints);
            double[] theta = run.theta();
            MetricSum trained = run.train().evaluate(theta);
            SparkpropTrainingSummary summary = new SparkpropTrainingSummary(run.result(),
                    training.trainer().judgeTraining(trained, theta), PassMetrics.ofDataCost(trained).cost(),
                    run.train().timings());
            // The seconds of the whole fit, as the train command records its own (sweep reads them).
            Provenance measured = provenance.withMetrics(
                    Map.of("seconds", String.valueOf(PassMetrics.round((System.nanoTime() - fitStart) / 1e9))));
            Map<String, Object> fields = new LinkedHashMap<>(run.result().fields());
            summary.train().putInto(fields, "train");
            page.finished(fields, null, theta, run.result().epochs());
            return new Fitted(new Model(spec, theta, labels, scaling, measured), summary);
        } catch (IOException e) {
            page.failed("checkpointDir=" + config.checkpoints().directory() + ": " + e.getMessage());
            throw new UncheckedIOException("checkpointDir=" + config.checkpoints().directory() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            page.failed(e.getMessage());
            throw e;
        } finally {
            page.close(); // after ui-linger
            rows.release();
            for (CachedExamples set : new CachedExamples[] {train, validation}) {
                if (set != null) {
                    set.release();
                }
            }
        }
    }

    private static Checkpoints checkpoints(TrainConfig config, JavaSparkContext sc,
                                           Function<double[], Model> modelOf) throws IOException {
        String directory = config.checkpoints().directory();
        return directory == null ? null
                : new Checkpoints(directory, config.checkpoints().keep(), sc.hadoopConfiguration(), modelOf);
    }
}
