package dev.sparkprop.cluster;

import dev.sparkprop.testing.BuildOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@code sparkprop train} (or another application, {@link #application}) submitted to a
 * {@link LoopbackCluster} the way a user submits it: the cluster's {@code spark-submit} (Spark's
 * own {@code org.apache.spark.deploy.SparkSubmit} from the build's jars) in client mode, with
 * the line's cluster jar ({@code target/sparkprop_2.12-spark3.5-cluster.jar}) as the application and
 * {@code conf/spark-defaults.conf.template} as the properties file. The driver is a JVM of its
 * own (1 GB), each executor gets 1 GB.
 *
 * <p>Its directory receives the driver's {@code stdout.log} and {@code stderr.log} and Spark's
 * event log ({@code events/}). Closing kills the driver (SIGKILL) if it is still running.
 */
public final class ClusterSubmission implements AutoCloseable {

    public static final Path CLUSTER_JAR = BuildOutput.jar("-cluster");

    private final Path directory;
    private final Process driver;
    private final long startNanos = System.nanoTime();

    private ClusterSubmission(Path directory, Process driver) {
        this.directory = directory;
        this.driver = driver;
    }

    /**
     * Submits {@code sparkprop train --KEY=VALUE ...} with {@code sparkConf} as extra
     * {@code --conf} settings and {@code submitOptions} as extra spark-submit options.
     */
    public static ClusterSubmission start(LoopbackCluster cluster, Path directory, Map<String, String> sparkConf,
                                   Map<String, String> train, String... submitOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("--class", "dev.sparkprop.cli.Main"));
        options.addAll(List.of(submitOptions));
        List<String> arguments = new ArrayList<>(List.of("train"));
        train.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return submit(cluster, directory, sparkConf, options, CLUSTER_JAR, arguments);
    }

    /**
     * Submits the application {@code jar} with main class {@code mainClass} and its
     * {@code arguments}, with sparkprop's cluster jar on {@code --jars} as a library.
     */
    static ClusterSubmission application(LoopbackCluster cluster, Path directory, Path jar, String mainClass,
                                         String... arguments) throws IOException {
        return submit(cluster, directory, Map.of(),
                List.of("--class", mainClass, "--jars", CLUSTER_JAR.toString()), jar, List.of(arguments));
    }

    private static ClusterSubmission submit(LoopbackCluster cluster, Path directory, Map<String, String> sparkConf,
                                            List<String> submitOptions, Path jar, List<String> arguments)
            throws IOException {
        Path events = Files.createDirectories(directory.resolve("events"));
        Path local = Files.createDirectories(directory.resolve("local"));
        List<String> command = new ArrayList<>(List.of(cluster.sparkHome().resolve("bin/spark-submit").toString(),
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--properties-file", LoopbackCluster.ROOT.resolve("conf/spark-defaults.conf.template").toString(),
                "--executor-memory", "1g",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.dir=" + events.toUri(),
                // One plain JSON-lines file, as EventLog reads it: Spark 4 rolls the log into a
                // directory of zstd-compressed parts by default.
                "--conf", "spark.eventLog.rolling.enabled=false",
                "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.local.dir=" + local));
        sparkConf.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
        command.addAll(submitOptions);
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .redirectError(directory.resolve("stderr.log").toFile());
        builder.environment().put("SPARK_DRIVER_MEMORY", "1g");
        builder.environment().remove("SPARK_CONF_DIR"); // only the properties file above
        builder.environment().remove("HADOOP_CONF_DIR");
        return new ClusterSubmission(directory, builder.start());
    }

    /** Waits for the driver to exit; returns its exit code, or fails after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException, IOException {
        if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the driver did not finish within " + timeout + "\n" + describe());
        }
        System.out.printf("%s: driver exited with %d after %.1f s%n", LoopbackCluster.WORK.relativize(directory),
                driver.exitValue(), (System.nanoTime() - startNanos) / 1e9);
        return driver.exitValue();
    }

    /** Polls {@code condition} every 50 ms while the driver runs; false if the driver ended or time ran out first. */
    boolean awaitWhileRunning(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (driver.isAlive() && System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Kills the driver JVM with SIGKILL (no shutdown hooks run); returns its exit code. */
    int killDriver() throws InterruptedException {
        driver.destroyForcibly();
        return driver.waitFor();
    }

    /** What the driver printed to stdout so far: the epoch lines, then the summary JSON. */
    public String stdout() {
        return read("stdout.log");
    }

    /** What the driver printed to stderr so far: the resolved config, then warnings and errors. */
    String stderr() {
        return read("stderr.log");
    }

    /** The application's Spark event log, as far as it has been written. */
    EventLog eventLog() throws IOException {
        return EventLog.read(directory.resolve("events"));
    }

    /** Both streams, for failure messages. */
    public String describe() {
        return "driver stdout:\n" + stdout() + "\ndriver stderr:\n" + stderr();
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (driver.isAlive()) {
            driver.destroyForcibly();
            driver.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
