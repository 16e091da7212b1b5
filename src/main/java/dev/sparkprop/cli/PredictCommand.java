package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.spark.Scoring;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkprop predict MODEL DATA --out PATH}: distributed scoring, one output row per input
 * row. {@link Scoring#predict} refuses an existing PATH (without {@code --overwrite}) before it
 * scores anything.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score data with a model on Spark: one output row per input row, in input order, with"
                + " columns line, label (as given), prediction and p_CLASS per class (regression: the value)."
                + " The executors write the rows; nothing is collected to the driver."},
        footer = {"", "The data has the training data's layout; its label column is copied to the output as is.",
                "Exit codes: 0 written, 1 the job failed, 2 the command line was refused."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output directory (Spark part files).")
    String output;

    @Option(names = "--out-format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv (with a header) or parquet. Default: csv.")
    String outputFormat;

    @Option(names = "--overwrite", description = "Replace PATH if it exists (only once scoring succeeded).")
    boolean overwrite;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "256", description = "Rows per GEMM block.")
    int blockSize;

    @Mixin
    ModelDataOptions data;

    @Mixin
    SparkSessions spark;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        if (!outputFormat.equals("csv") && !outputFormat.equals("parquet")) {
            throw invocation.refuse("--out-format " + outputFormat + ": choose csv or parquet");
        }
        long rows = spark.withSession("sparkprop predict", data.master, session -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            Model model = data.loadModel(sc);
            return Scoring.predict(session, model, data.readData(sc, model), output, outputFormat, overwrite,
                    blockSize);
        });
        invocation.out().println("{\"rows\":" + rows + ",\"output\":\"" + output.replace("\"", "\\\"") + "\"}");
        return Main.EXIT_OK;
    }
}
