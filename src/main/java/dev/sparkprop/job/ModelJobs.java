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
import java.util.Map;
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
     * cost includes the L2 and L1 terms the model was trained with, as the training summary's.
     */
    public static EvaluationReport evaluate(JavaSparkContext sc, Model model, JavaRDD<RawExample> rows,
                                            int partitions) {
        CachedExamples data = CachedExamples.build(rows, ExampleEncoder.of(model),
                partitions > 0 ? partitions : sc.defaultParallelism());
        try {
            Map<String, String> config = model.provenance().config();
            Objective objective = new Objective(Double.parseDouble(config.getOrDefault("lambda", "0")),
                    Double.parseDouble(config.getOrDefault("l1", "0")));
            MetricSum sums = SparkGradient.forEvaluation(sc, data, model.spec()).evaluate(model.theta());
            double cost = objective.cost(model.spec(), model.theta(), sums.costSum(), sums.count());
            return new EvaluationReport(sums.count(), cost, sums, model.labels());
        } finally {
            data.release();
        }
    }
}
