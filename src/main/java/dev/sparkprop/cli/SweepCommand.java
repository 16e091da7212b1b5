package dev.sparkprop.cli;

import dev.sparkprop.job.SweepGrid;
import dev.sparkprop.job.SweepJob;
import dev.sparkprop.job.SweepSummary;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop sweep [CONF] --grid KEY=V1,V2,... [--grid ...] [--folds K] [--key=value ...]}:
 * trains one candidate per combination of the grids, chooses on a validation set (the config's
 * {@code validation} file or {@code validation-fraction}, or K folds), and keeps the best, scored
 * once on the test set ({@link SweepJob}). The config resolves as {@code train}'s does
 * ({@link TrainCommand}); every grid value is read by its key before Spark starts.
 *
 * <p>Streams: the resolved config goes to stderr; the candidates' table, the choice and the test
 * score to stdout, with the summary JSON as the last line.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, modelTransformer = ConfigKeyOptions.class,
        sortOptions = false,
        description = {"Choose settings on a validation set: train one candidate per combination of the"
                + " --grid values (Spark ML's TrainValidationSplit or CrossValidator), keep the best, score it"
                + " once on the test set."},
        footer = {"", "Writes model.sparkprop (the best candidate), metrics.jsonl, sweep.csv and sweep.png into"
                + " output.", "Exit codes: 0 swept, 1 the job failed, 2 the command line or config was refused."})
final class SweepCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONF",
            description = "A .properties file of config keys (the long options below, without --).")
    String configFile;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...", required = true,
            description = "An axis: a config key and its values, separated by commas (or by | when the values"
                    + " hold commas). Repeat for more axes; every combination is a candidate.")
    List<String> grids = new ArrayList<>();

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "K-fold cross-validation on the training data instead of a validation file or fraction.")
    int folds;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "cost",
            description = "What picks the best: cost (validation log loss, smallest) or accuracy (largest)."
                    + " Default: cost.")
    String metric;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
            description = "Candidates trained at a time; 0 = the cores divided by the partitions per candidate.")
    int parallelism;

    @Mixin
    SparkSessions spark;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        TrainConfig config;
        SweepGrid grid;
        SweepJob.Settings settings;
        try {
            Map<String, String> values = new LinkedHashMap<>();
            if (configFile != null) {
                values.putAll(ConfigFile.read(configFile, ConfigKeys.NAMES));
            }
            values.putAll(ConfigKeyOptions.given(invocation.parseResult()));
            config = TrainConfig.fromMap(values);
            grid = SweepGrid.parse(grids);
            settings = new SweepJob.Settings(folds, metric, parallelism);
            SweepJob.check(config, grid, settings);
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
        config.toMap().forEach((key, value) -> invocation.err().println(key + " = " + value));
        invocation.err().flush();
        SweepSummary summary = spark.withSession("sparkprop sweep " + String.join(" ", grid.keys()),
                SparkSessions.master(config.spark().master()),
                session -> SweepJob.run(session, config, grid, settings, invocation.out()));
        invocation.out().println(summary.toJson());
        return Main.EXIT_OK;
    }
}
