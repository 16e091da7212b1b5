package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.job.EvaluationReport;
import dev.sparkprop.job.ModelJobs;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sparkprop evaluate MODEL DATA}: how a trained model does on labelled data. */
@Command(name = "evaluate", sortOptions = false,
        description = {"Judge a model on labelled data. Classification: accuracy, cost, per-class precision,"
                + " recall and F1, and the confusion matrix; regression: cost, RMSE, MAE and R²."},
        footer = {"", "Exit codes: 0 evaluated, 1 the job failed, 2 the command line was refused."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Mixin
    SparkOptions spark;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        EvaluationReport report = spark.withSession("sparkprop evaluate", main.verbose, session -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            Model model = spark.loadModel(sc);
            return ModelJobs.evaluate(sc, model, spark.readData(sc, model), spark.partitions);
        });
        main.out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        return Main.EXIT_OK;
    }
}
