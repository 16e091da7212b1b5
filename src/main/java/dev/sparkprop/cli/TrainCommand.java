package dev.sparkprop.cli;

import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import dev.sparkprop.job.TrainingJob;
import dev.sparkprop.job.TrainingSummary;
import dev.sparkprop.ui.LivePage;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sparkprop train [CONF] [--key=value ...]}: resolves a {@link TrainConfig}, prints it,
 * trains in a Spark session and prints the summary.
 *
 * <p>Each setting is resolved in three layers, later ones winning:
 * <ol>
 *   <li>the defaults of the key table {@link ConfigKeys};
 *   <li>the config file CONF, whose keys are the long options' names ({@link ConfigFile});
 *   <li>flags: {@code --learning-rate 0.5} or {@code --learning-rate=0.5} ({@link ConfigKeyOptions}).
 *       An empty flag ({@code --test=}) clears the file's value back to the default.
 * </ol>
 * The master follows the same order, with spark-submit's {@code --master} standing in for the
 * default ({@link SparkSessions#master}).
 *
 * <p>Streams: the resolved config ({@code key = value} lines, readable as a config file) goes
 * to stderr, except with {@code --dry-run}, where it is the whole output and goes to stdout. The
 * job's per-epoch lines go to stdout, and the summary JSON is the last line of stdout, so
 * {@code train ... | tail -n 1} is the result. Nothing is written to the output directory here:
 * every refusal happens before the job starts.
 */
@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = ConfigKeyOptions.class,
        sortOptions = false,
        description = {"Train a network on Spark. Settings come from TrainConfig's defaults, then CONF,"
                + " then the flags; the resolved config is printed to stderr first, the summary JSON last"
                + " on stdout."},
        footer = {"", "Relative paths, in CONF as in flags, are relative to the working directory.",
                "Exit codes: 0 trained, 1 the job failed, 2 the command line or config was refused."})
final class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONF",
            description = "A .properties file of config keys (the long options below, without --).")
    String configFile;

    @Option(names = "--dry-run", description = "Print the resolved config to stdout and stop; starts no Spark.")
    boolean dryRun;

    @Mixin
    SparkSessions spark;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = resolve();
        String master = SparkSessions.master(config.spark().master());
        printConfig(config, master, dryRun ? invocation.out() : invocation.err());
        if (dryRun) {
            return Main.EXIT_OK;
        }
        LivePage page = openPage(config);
        try {
            TrainingSummary summary = spark.withSession("sparkprop train " + config.text(ConfigKeys.NETWORK), master,
                    session -> TrainingJob.run(session, config, invocation.out(), page));
            invocation.out().println(summary.toJson());
            invocation.out().flush();
            return Main.EXIT_OK;
        } catch (Exception e) {
            page.failed(ErrorMessages.failure(e));
            throw e;
        } finally {
            page.close();
        }
    }

    /** The live page when {@code ui} is on (its address goes to stderr); a port it cannot take is a config error. */
    private LivePage openPage(TrainConfig config) {
        try {
            return LivePage.open(config, invocation.err());
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /** Lays the flags over the file over the defaults; any refusal becomes a usage error (exit 2). */
    private TrainConfig resolve() {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            if (configFile != null) {
                values.putAll(ConfigFile.read(configFile, ConfigKeys.NAMES));
            }
            values.putAll(ConfigKeyOptions.given(invocation.parseResult()));
            return TrainConfig.fromMap(values);
        } catch (IllegalArgumentException e) {
            throw invocation.refuse(e.getMessage(), e);
        }
    }

    /**
     * Prints {@code key = value} lines. An unset master is shown as a comment, so the output
     * stays a config file that does not pin the master when it is reused.
     */
    private static void printConfig(TrainConfig config, String master, PrintStream to) {
        config.toMap().forEach((key, value) -> to.println(key + " = " + value));
        if (config.spark().master() == null) {
            to.println("# master = " + master + (System.getProperty("spark.master") == null
                    ? " (the default)" : " (from spark-submit)"));
        }
        to.flush();
    }
}
