package dev.sparkprop.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Spark session a command runs in, mixed into every command that needs Spark
 * ({@code @Mixin SparkSessions spark}), which then runs its work in
 * {@code spark.withSession(appName, master, session -> ...)}. This is the one way a command gets
 * a session, so there is one rule for its life: a session already running in this JVM (an
 * embedding program's, or the tests' shared one) is joined and left running; otherwise one is
 * started and stopped whatever happens, so a failed run frees its executors.
 *
 * <p>Sessions start the same way whether the JVM came from {@code spark-submit} or from
 * {@code java -cp} (the local-mode jobs scripts). Settings made here are defaults: one passed as
 * a Java system property (which is what {@code spark-submit --conf key=value} and
 * {@code --master} become) is left alone.
 */
@Command // a mix-in without options: picocli takes a class for a mix-in only if it is annotated
final class SparkSessions {

    /** The master when neither the config nor spark-submit names one: every core of this machine. */
    static final String DEFAULT_MASTER = "local[*]";

    /**
     * Spark's own layout cut to the first line of each message, without stack traces: a failed
     * task is logged by the executor, the task set and the scheduler, each with the remote stack
     * trace, and the error line {@link Main} prints already names the cause.
     */
    private static final String ONE_LINE_PATTERN = "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %replace{%m}{(?s)\\R.*}{}%n%throwable{none}";

    /** The command this is mixed into, for {@code --verbose}; picocli injects it. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** Work to do in a session. */
    @FunctionalInterface
    interface Work<T> {
        T run(SparkSession spark) throws Exception;
    }

    /**
     * Runs {@code work} in a session (joined, or started and then stopped: see the class doc)
     * and returns its result.
     *
     * @param master the master the command was given (its config's, or {@code --master}), or
     *     null for the default ({@link #master})
     */
    <T> T withSession(String appName, String master, Work<T> work) throws Exception {
        boolean joined = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = start(appName, master(master), Main.of(command).verbose);
        try {
            return work.run(spark);
        } finally {
            if (!joined) {
                spark.stop();
            }
        }
    }

    /**
     * The master to run on: the config's {@code master} if set, else spark-submit's (it passes
     * {@code --master} on as the system property {@code spark.master}), else {@link #DEFAULT_MASTER}.
     */
    static String master(String configured) {
        return configured != null ? configured : System.getProperty("spark.master", DEFAULT_MASTER);
    }

    /**
     * Starts (or joins) the session. In every mode: no console progress bars (they would
     * interleave with the per-epoch lines) and one OpenBLAS thread per executor task (Spark
     * already runs one task per core). In local mode, also: the driver on loopback, so a machine
     * whose hostname does not resolve still works, and no web UI, which would only hold a port.
     *
     * @param verbose keep Spark's own INFO logging instead of quieting it to warnings on stderr
     */
    private static SparkSession start(String appName, String master, boolean verbose) {
        if (!verbose) {
            logWarningsToStderr();
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(master);
        setUnlessGiven(builder, "spark.ui.showConsoleProgress", "false");
        setUnlessGiven(builder, "spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        // Θ and Δ are random-looking doubles: compressing their broadcasts and results costs CPU
        // and saves nothing.
        setUnlessGiven(builder, "spark.broadcast.compress", "false");
        // A task's Δ sums are as large as Θ (1.9 MB for 784-256-128-10); above Spark's 1 MB default
        // they would take a detour through the block manager on every step.
        setUnlessGiven(builder, "spark.task.maxDirectResultSize", "256m");
        setUnlessGiven(builder, "spark.rpc.message.maxSize", "512");
        if (master.startsWith("local")) {
            setUnlessGiven(builder, "spark.driver.host", "127.0.0.1");
            setUnlessGiven(builder, "spark.ui.enabled", "false");
        }
        return builder.getOrCreate();
    }

    private static void setUnlessGiven(SparkSession.Builder builder, String key, String value) {
        if (System.getProperty(key) == null) {
            builder.config(key, value);
        }
    }

    /**
     * Lowers Spark's logging to warnings. With no log4j2 configuration yet (plain {@code java}:
     * local mode), log4j's fallback logs to <em>stdout</em>, and Spark would swap in its own
     * INFO profile; both give way here to warnings on stderr, one line each, keeping stdout for
     * the progress lines and the summary. A configuration already loaded (spark-submit loads
     * {@code $SPARK_HOME/conf/log4j2.properties} or Spark's default profile before this code
     * runs) keeps its appenders and layout; only the levels change: WARN at the root, and the two
     * loggers quieted below to ERROR.
     */
    private static void logWarningsToStderr() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return; // another log4j implementation: its configuration is the user's business
        }
        if (!(context.getConfiguration() instanceof DefaultConfiguration)) {
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
            Configurator.setLevel("dev.ludovic.netlib", Level.ERROR);
            return;
        }
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.add(config.newAppender("stderr", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(config.newLayout("PatternLayout").addAttribute("pattern", ONE_LINE_PATTERN)));
        config.add(config.newRootLogger(Level.WARN).add(config.newAppenderRef("stderr")));
        // Hadoop warns on every local run that it has no native library; it needs none here.
        config.add(config.newLogger("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR));
        // A bad row fails its task; the executor, the task set and the block manager each log that
        // failure before the job ends with it. The job's own error line already names the file, line
        // and problem, so in this mode those echoes are dropped (--verbose keeps them).
        for (String echo : new String[] {"org.apache.spark.executor.Executor",
                "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.storage.BlockManager"}) {
            config.add(config.newLogger(echo, Level.OFF));
        }
        // netlib says which BLAS it could not load before the one it did; the job prints the one it got.
        config.add(config.newLogger("dev.ludovic.netlib", Level.ERROR));
        Configurator.reconfigure(config.build());
    }
}
