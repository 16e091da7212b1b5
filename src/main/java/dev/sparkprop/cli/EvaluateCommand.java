package dev.sparkprop.cli;

import dev.sparkprop.model.Model;
import dev.sparkprop.job.EvaluationReport;
import dev.sparkprop.job.ModelJobs;
import dev.sparkprop.train.ConfigKeys;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkprop evaluate MODEL DATA [--lambda L]}: how a trained model does on labelled data; with
 * {@code --lambda}, the course exercise "the regularized cost at given weights": J(Θ) at λ = L.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judge a model on labelled data. Classification: accuracy, cost, per-class precision,"
                + " recall and F1, and the confusion matrix; regression: cost, RMSE, MAE and R². The cost is the"
                + " data cost; with --lambda it is J(Theta) at that lambda over DATA's m examples."},
        footer = {"", "Exit codes: 0 evaluated, 1 the job failed, 2 the command line was refused."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--lambda", paramLabel = "L",
            description = "Report J(Theta) = data cost + L/(2m) sum Theta^2 (biases excluded), m = DATA's examples."
                    + " Default: the data cost alone.")
    Double lambda;

    @Mixin
    ModelDataOptions data;

    @Mixin
    SparkSessions spark;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        if (lambda != null) {
            try {
                ConfigKeys.LAMBDA.parse(lambda.toString()); // the key table's one check: finite, >= 0
            } catch (IllegalArgumentException e) {
                throw invocation.refuse("--lambda " + lambda + ": must be a finite number >= 0", e);
            }
        }
        EvaluationReport report = spark.withSession("sparkprop evaluate", data.master, session -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            Model model = data.loadModel(sc);
            return ModelJobs.evaluate(sc, model, data.readData(sc, model), data.partitions, lambda);
        });
        invocation.out().print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        return Main.EXIT_OK;
    }
}
