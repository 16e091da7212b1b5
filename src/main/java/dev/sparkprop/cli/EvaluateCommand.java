package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.job.EvaluationReport;
import dev.sparkprop.job.ModelJobs;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkprop evaluate MODEL DATA}: how a trained model does on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judge a model on labelled data. Classification: accuracy, cost, per-class precision,"
                + " recall and F1, and the confusion matrix; regression: cost, RMSE, MAE and R²."},
        footer = {"", "Exit codes: 0 evaluated, 1 the job failed, 2 the command line was refused."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Mixin
    ModelDataOptions data;

    @Mixin
    SparkSessions spark;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        EvaluationReport report = spark.withSession("sparkprop evaluate", data.master, session -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            Model model = data.loadModel(sc);
            return ModelJobs.evaluate(sc, model, data.readData(sc, model), data.partitions);
        });
        invocation.out().print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        return Main.EXIT_OK;
    }
}
