package dev.sparkprop.job;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.Datasets;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.nn.Objective;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Jobs that use a trained model on data: judging it ({@link #evaluate}); scoring is {@code spark.Scoring}. */
public final class ModelJobs {

    private ModelJobs() {
    }

    /**
     * Reads {@code path} as the model expects it (its feature count; format by extension or
     * {@code format}; {@code labelColumn} for CSV/Parquet).
     */
    public static JavaRDD<RawExample> read(JavaSparkContext sc, Model model, String path, String format,
                                           String labelColumn, int partitions) {
        return Datasets.read(sc, path, ConfigKeys.FORMAT.parse(format == null ? "auto" : format), labelColumn,
                model.spec().inputSize(), partitions);
    }

    /**
     * Evaluates {@code model} on labelled data: one pass to encode and cache, one to score. The
     * cost is the data cost, without a penalty (what the training summary reports for validation
     * and test sets), or with {@code lambda} the notes' J(Θ) at that λ over these m examples: the
     * data cost + λ/(2m) Σ Θ², biases excluded (the training summary's {@code train_cost} when
     * these are the training examples and λ is the run's, without L1).
     *
     * @param lambda λ for J, or null for the data cost alone
     */
    public static EvaluationReport evaluate(JavaSparkContext sc, Model model, JavaRDD<RawExample> rows,
                                            int partitions, Double lambda) {
        Objective objective = lambda == null ? Objective.UNREGULARIZED : Objective.l2(lambda);
        CachedExamples data = CachedExamples.build(rows, ExampleEncoder.of(model),
                partitions > 0 ? partitions : sc.defaultParallelism());
        try {
            MetricSum sums = SparkGradient.forEvaluation(sc, data, model.spec()).evaluate(model.theta());
            double cost = objective.cost(model.spec(), model.theta(), sums.costSum(), sums.count());
            return new EvaluationReport(sums.count(), cost, sums.costSum() / sums.count(), lambda, sums,
                    model.labels());
        } finally {
            data.release();
        }
    }
}
