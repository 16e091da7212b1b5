package dev.sparkprop.train;

import dev.sparkprop.data.DataFormat;
import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Jobs that use a trained model on data: judging it ({@link #evaluate}) and scoring ({@link Scoring}). */
public final class ModelJobs {

    private ModelJobs() {
    }

    /**
     * Reads {@code path} as the model expects it (its feature count; format by extension or
     * {@code format}; {@code labelColumn} for CSV/Parquet).
     */
    public static JavaRDD<RawExample> read(JavaSparkContext sc, Model model, String path, String format,
                                           String labelColumn, int partitions) {
        DataFormat dataFormat = format == null || format.equals("auto")
                ? DataFormat.fromPath(path, sc.hadoopConfiguration())
                : DataFormat.valueOf(format.toUpperCase(Locale.ROOT));
        return DataReader.read(sc, path, dataFormat, model.spec().inputSize(), labelColumn,
                Math.max(sc.defaultMinPartitions(), partitions));
    }

    /** The model's encoder: its class names and feature scaling. */
    static ExampleEncoder encoder(Model model) {
        return new ExampleEncoder(model.spec().outputSize(), model.labels(), model.scaling());
    }

    /**
     * Evaluates {@code model} on labelled data: one pass to encode and cache, one to score. The
     * cost includes the L2 and L1 terms the model was trained with, as the training summary's.
     */
    public static EvaluationReport evaluate(JavaSparkContext sc, Model model, JavaRDD<RawExample> rows, int partitions)
            throws IOException {
        TrainingSet data = TrainingSet.build(rows, encoder(model), partitions > 0 ? partitions : sc.defaultParallelism());
        try {
            Map<String, String> config = model.provenance().config();
            Penalties penalties = new Penalties(Double.parseDouble(config.getOrDefault("lambda", "0")),
                    Double.parseDouble(config.getOrDefault("l1", "0")));
            DistributedTrainer trainer = new DistributedTrainer(sc, model.spec(), penalties, 2, 256, 0, new double[0]);
            MetricSum sums = trainer.evaluate(data, model.theta());
            double cost = trainer.cost(sums.costSum(), sums.count(), model.theta());
            return new EvaluationReport(sums.count(), cost, sums, model.labels());
        } finally {
            data.release();
        }
    }
}
