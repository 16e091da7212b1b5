package dev.sparkprop.cluster;

import dev.sparkprop.testing.BuildOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Spark standalone cluster of {@code jobs/cluster-up.sh} for the integration tests: a master
 * and two workers with one core each, on 127.0.0.1, every one its own JVM, started from the
 * build's jars with its files under {@code target/it-cluster/cluster}. The master takes any free
 * port, so a cluster a user runs on 7077 is left alone.
 *
 * <p>One cluster serves every test of the run: {@link Resolver} starts it on first use and JUnit
 * closes it after the last test, whether the tests passed or not (a JVM shutdown hook covers an
 * interrupted run). Closing runs {@code jobs/cluster-down.sh}, then SIGKILLs by PID every JVM the
 * cluster started that is still alive, executors included. The bench's cluster rows
 * ({@code jobs/bench.sh --cluster}) start their own with {@link #start(Path)}.
 */
public final class LoopbackCluster implements AutoCloseable {

    /** The project root: failsafe runs the tests there. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    /** Everything the integration tests write. */
    static final Path WORK = BuildOutput.directory().resolve("it-cluster");

    /** cluster-up.sh took 98 s for Spark 4's jars at a load average of 25 on 2 cores: 2 minutes was too tight. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final Path directory;
    private final String masterUrl;
    private final List<ProcessHandle> workers;
    private final List<ProcessHandle> daemons;
    private final Set<ProcessHandle> executorsSeen = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::stop);
    private boolean stopped;

    private LoopbackCluster(Path directory, String masterUrl, ProcessHandle master, List<ProcessHandle> workers) {
        this.directory = directory;
        this.masterUrl = masterUrl;
        this.workers = workers;
        this.daemons = new ArrayList<>(workers);
        this.daemons.add(master);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The tests' cluster, in {@code target/it-cluster/cluster}. */
    static LoopbackCluster start() throws IOException, InterruptedException {
        return start(WORK.resolve("cluster"));
    }

    /**
     * Runs {@code jobs/cluster-up.sh} for a cluster whose files go to {@code directory} (absolute);
     * if it fails, what it started is stopped and the log is in the error.
     */
    public static LoopbackCluster start(Path directory) throws IOException, InterruptedException {
        if (Files.isDirectory(directory)) {
            runScript("cluster-down.sh", directory); // a cluster left over by a killed test run
            deleteRecursively(directory);
        }
        Files.createDirectories(directory);
        long start = System.nanoTime();
        String log = runScript("cluster-up.sh", directory);
        System.out.printf("jobs/cluster-up.sh took %.1f s%n", (System.nanoTime() - start) / 1e9);
        Path urlFile = directory.resolve("master-url");
        if (!Files.exists(urlFile)) {
            runScript("cluster-down.sh", directory);
            throw new IllegalStateException("jobs/cluster-up.sh failed:\n" + log);
        }
        ProcessHandle master = daemon(directory, "master");
        return new LoopbackCluster(directory, Files.readString(urlFile).trim(), master,
                List.of(daemon(directory, "worker1"), daemon(directory, "worker2")));
    }

    private static ProcessHandle daemon(Path directory, String name) throws IOException {
        long pid = Long.parseLong(Files.readString(directory.resolve(name + ".pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " (" + pid + ") is not running"));
    }

    /** Runs {@code jobs/NAME} for the cluster in {@code directory}; returns its output. */
    private static String runScript(String name, Path directory) throws IOException, InterruptedException {
        Path log = directory.resolveSibling(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("jobs").resolve(name).toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARKPROP_CLUSTER_DIR", directory.toString());
        env.put("MASTER_PORT", "0");
        env.put("MASTER_UI_PORT", "0");
        env.put("WORKER_CORES", "1");
        env.put("WORKER_MEMORY", "2g");
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return Files.readString(log);
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The cluster's Spark installation: the build's Spark jars and a {@code bin/spark-submit}. */
    Path sparkHome() {
        return directory.resolve("spark-home");
    }

    /** What the master has logged so far. */
    String masterLog() throws IOException {
        return Files.readString(directory.resolve("master.log"));
    }

    /** The executor JVMs now running on worker {@code index} (0 or 1): the worker's child processes. */
    private List<ProcessHandle> executorsOf(int index) {
        List<ProcessHandle> executors = workers.get(index).children()
                .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_CLASS)).toList();
        executorsSeen.addAll(executors);
        return executors;
    }

    /** The executor JVMs of application {@code appId} now running on worker {@code index} (0 or 1). */
    List<ProcessHandle> executorsOf(int index, String appId) {
        return executorsOf(index).stream()
                .filter(p -> p.info().commandLine().orElse("").contains("--app-id " + appId)).toList();
    }

    /** The executor JVMs of application {@code appId} now running on either worker. */
    public List<ProcessHandle> executorsOfApplication(String appId) {
        List<ProcessHandle> all = new ArrayList<>(executorsOf(0, appId));
        all.addAll(executorsOf(1, appId));
        return all;
    }

    /** A fresh, empty directory for one test's files. */
    static Path runDirectory(String name) throws IOException {
        Path directory = WORK.resolve("runs").resolve(name);
        deleteRecursively(directory);
        return Files.createDirectories(directory);
    }

    /** The master's and the workers' JVMs. */
    public List<ProcessHandle> daemons() {
        return List.copyOf(daemons);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    /** Stops the cluster: the script first, then SIGKILL for anything it started that survived. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        executorsOf(0);
        executorsOf(1);
        try {
            runScript("cluster-down.sh", directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Stream.concat(executorsSeen.stream(), daemons.stream()).filter(ProcessHandle::isAlive).forEach(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * Gives test methods a {@code LoopbackCluster} parameter: the one cluster of the run, kept in
     * JUnit's root store, which closes it when the run ends.
     */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LoopbackCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Held.class, key -> {
                        try {
                            return new Held(start());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while starting the cluster", e);
                        }
                    }, Held.class).cluster();
        }

        /** The cluster as JUnit's store holds it: closed when the run ends. */
        private record Held(LoopbackCluster cluster) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() {
                cluster.close();
            }
        }
    }
}
