package dev.sparkprop.bench;

import dev.sparkprop.linalg.Blas;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One benchmark run, in this order, all in this JVM: DGEMM and the kernel (no Spark yet), the BLAS
 * options side by side (a child JVM each, {@link BlasBench}), then in local[2] the cached-size
 * check, per-step overhead and heap growth, the bare job breakdown, full-batch passes (after the
 * steps, so Spark's code paths are warm) in double and then in float (its own cached blocks), sparse
 * blocks against dense ones ({@link SparseBench}), sparkprop's
 * time-to-accuracy configs and MLlib; then full-batch passes in local[1]; then scikit-learn as a
 * child process; last, in local[2] again, the configs with a float twin at more seeds (row 7a,
 * accuracy only).
 *
 * @param size how much work each part does
 * @param mnist the folder with {@code train.csv.gz} and {@code test.csv.gz}
 * @param workDir scratch space: the cut data files and the models written by the configs
 * @param confDir the project's {@code conf/}, for the configs that come from its files
 * @param configs sparkprop configs to time ({@link SparkpropBench#CONFIGS})
 * @param blasOptions BLAS options to compare, each in a child JVM ({@link BlasBench#NAMES}); none to skip
 * @param runMllib whether to run the MLlib peer
 * @param sklearnScript the scikit-learn peer's script, or null to skip it
 * @param log progress lines
 */
public record BenchRun(BenchSize size, Path mnist, Path workDir, Path confDir, List<String> configs,
                       List<String> blasOptions, boolean runMllib, Path sklearnScript, PrintStream log) {

    /** Where Spark sessions come from: a fresh one per master in the benchmark, a shared one in tests. */
    public interface Sessions {
        /** A session on {@code master}. */
        SparkSession open(String master);

        /** Done with {@code session}. */
        void close(SparkSession session);
    }

    /** Rows of the sparse-against-dense projection at full size (a tiny run takes its training rows). */
    static final int SPARSE_ROWS_FULL = 20_000;

    /** Checks the config names before anything runs. */
    public BenchRun {
        configs = List.copyOf(configs);
        blasOptions = List.copyOf(blasOptions);
        for (String name : blasOptions) {
            if (!BlasBench.NAMES.contains(name)) {
                throw new IllegalArgumentException("BLAS option '" + name + "': choose from " + BlasBench.NAMES);
            }
        }
        for (String name : configs) {
            if (!SparkpropBench.CONFIGS.contains(name)) {
                throw new IllegalArgumentException("config '" + name + "': choose from " + SparkpropBench.CONFIGS);
            }
        }
    }

    /** Runs every part; see the class doc for the order. */
    public BenchResults run(Sessions sessions) throws IOException {
        long started = System.nanoTime();
        Map<String, Object> environment = environment();
        NetworkSpec spec = NetworkSpec.parse(PassBench.MLLIB_NETWORK);
        progress(started, "DGEMM through " + Blas.implementation());
        List<DgemmBench.Case> dgemm = DgemmBench.run(DgemmBench.networkShapes(size.blockSizes()),
                size.gemmSeconds(), size.reps());
        progress(started, "SGEMM, one core");
        Map<String, Object> sgemm = DgemmBench.sgemmOneCore(DgemmBench.networkShapes(size.blockSizes()),
                size.gemmSeconds(), size.reps());
        progress(started, "forward+backward kernel, one core");
        List<KernelBench.Case> kernel = KernelBench.run(spec, size.blockSizes(), size.gemmSeconds(), size.reps());
        BenchData data = BenchData.prepare(mnist, size, workDir.resolve("data"));
        progress(started, "data " + data.trainRows() + " train + " + data.testRows() + " test rows");
        progress(started, "BLAS options side by side, a child JVM each");
        List<Map<String, Object>> blas = blasOptions(data);

        SparkSession spark = sessions.open("local[2]");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        environment.put("spark", spark.version());
        CachedExamples blocks = data.trainingSet(sc, 2);
        Map<String, Object> cached = PassBench.cachedSize(sc, blocks);
        progress(started, "storage levels: " + StorageBench.LEVELS);
        cached.put("storage_levels", StorageBench.run(sc, data, Math.min(size.reps(), 3), size.passes()));
        progress(started, size.steps() + " minibatch steps (overhead, heap)");
        Map<String, Object> overhead = StepBench.overhead(sc, blocks, size.steps());
        Map<String, Object> jobs = StepBench.jobs(sc, blocks, size.jobReps());
        CachedExamples floatBlocks = data.trainingSet(sc, 2, Precision.FLOAT, ConfigKeys.STORAGE_LEVEL.defaultValue());
        Map<String, Object> cachedFloat = PassBench.cachedSize(sc, floatBlocks);
        progress(started, "full-batch passes in " + sc.master() + ", double and float in turns");
        List<PassBench.Passes> passesTwoBoth = PassBench.runInTurns(sc, List.of(blocks, floatBlocks), size.passes());
        PassBench.Passes passesTwo = passesTwoBoth.get(0);
        PassBench.Passes passesTwoFloat = passesTwoBoth.get(1);
        blocks.release();
        floatBlocks.release();
        int sparseRows = size.trainRows() == 0 ? SPARSE_ROWS_FULL : size.trainRows();
        progress(started, "sparse against dense blocks, " + sparseRows + " rows of " + SparseBench.NETWORK
                + " at 1% density");
        Map<String, Object> sparse = SparseBench.run(sc, sparseRows, size.passes(), size.reps(), size.gemmSeconds());
        List<Map<String, Object>> configRuns = new ArrayList<>();
        if (configs.contains("fast-ui")) {
            // The configs before fast have run the training code through the JIT; this gives the
            // page's code (the server, the state, the tiles' PNG) and the bench's reader the same
            // start, so the first measured fast-ui does not pay this JVM's first page alone.
            progress(started, "warming the live page: fast-ui, 1 epoch, not counted");
            Map<String, String> warmUp = SparkpropBench.config("fast-ui", data, size, 2, confDir,
                    workDir.resolve("out").resolve("fast-ui-warm-up"));
            warmUp.put("epochs", "1");
            SparkpropBench.run(spark, "fast-ui-warm-up", warmUp, log);
        }
        for (String name : configs) {
            progress(started, "sparkprop " + name);
            Map<String, String> keys = SparkpropBench.config(name, data, size, 2, confDir,
                    workDir.resolve("out").resolve(name));
            configRuns.add(SparkpropBench.run(spark, name, keys, log));
        }
        Map<String, Object> mllib = runMllib ? mllib(spark, data, started) : null;
        sessions.close(spark);
        PassBench.Passes passesOne = passesOnOneCore(sessions, data, started);
        Map<String, Object> sklearn = sklearn(data, started);
        List<Map<String, Object>> seedRuns = seedRuns(sessions, data, started);
        environment.put("load_average_after", loadAverage());
        return new BenchResults(size, environment, dgemm, sgemm, kernel, blas, cached, cachedFloat, passesTwo,
                passesTwoFloat, passesOne, overhead, jobs, sparse,
                configRuns, seedRuns, mllib, sklearn);
    }

    /**
     * Row 7a's runs: each config with a float twin, and the twin, at seeds 2..N in a local[2]
     * session of their own. They measure accuracy only, so they run last, and every timed part
     * keeps its place in this JVM's history.
     */
    private List<Map<String, Object>> seedRuns(Sessions sessions, BenchData data, long started) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> names = twinned();
        if (names.isEmpty() || size.accuracySeeds() < 2) {
            return runs;
        }
        SparkSession spark = sessions.open("local[2]");
        for (int seed = 2; seed <= size.accuracySeeds(); seed++) {
            for (String name : names) {
                progress(started, "sparkprop " + name + ", seed " + seed + " (accuracy only)");
                Map<String, String> keys = SparkpropBench.config(name, data, size, 2, confDir,
                        workDir.resolve("out").resolve(name + "-seed-" + seed));
                keys.put("seed", Integer.toString(seed));
                Map<String, Object> result = SparkpropBench.run(spark, name, keys, log);
                result.put("seed", seed);
                runs.add(result);
            }
        }
        sessions.close(spark);
        return runs;
    }

    /** The configs among {@link #configs} whose float twin runs too, and the twins, in the order named. */
    private List<String> twinned() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> twins : SparkpropBench.FLOAT_TWINS) {
            if (configs.contains(twins.getKey()) && configs.contains(twins.getValue())) {
                names.add(twins.getKey());
                names.add(twins.getValue());
            }
        }
        return names;
    }

    /** {@link BlasBench}: each BLAS option in its own JVM, while this one waits. */
    private List<Map<String, Object>> blasOptions(BenchData data) throws IOException {
        try {
            return BlasBench.run(blasOptions, size, data, workDir.resolve("out"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the BLAS options ran", e);
        }
    }

    /** MLlib's default fit on the same files, 2 partitions. */
    private Map<String, Object> mllib(SparkSession spark, BenchData data, long started) {
        Dataset<Row> train = MllibBench.load(spark, data.train(), 2);
        Dataset<Row> test = MllibBench.load(spark, data.test(), 2);
        progress(started, "MLlib l-bfgs, " + size.mllibIterations() + " iterations");
        Map<String, Object> result = MllibBench.fit(spark, train, test, "l-bfgs", size.mllibIterations());
        train.unpersist();
        test.unpersist();
        return result;
    }

    /** Full-batch passes in a local[1] session, one partition. */
    private PassBench.Passes passesOnOneCore(Sessions sessions, BenchData data, long started) {
        SparkSession single = sessions.open("local[1]");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(single.sparkContext());
        CachedExamples block = data.trainingSet(sc, 1);
        progress(started, "full-batch passes in " + sc.master() + ", 1 partition");
        PassBench.Passes passes = PassBench.run(sc, block, size.passes());
        block.release();
        sessions.close(single);
        return passes;
    }

    /** A progress line with the seconds since the run started. */
    private void progress(long started, String what) {
        log.println(Targets.fmt("bench: [%5.1f s] %s", (System.nanoTime() - started) / 1e9, what));
    }

    private Map<String, Object> sklearn(BenchData data, long started) throws IOException {
        if (sklearnScript == null) {
            return Map.of("skipped", "--skip-sklearn");
        }
        Optional<String> python = SklearnPeer.findPython();
        if (python.isEmpty()) {
            return Map.of("skipped", "no python3 imports sklearn (apt-get install python3-sklearn)");
        }
        progress(started, "scikit-learn (" + python.get() + ")");
        return SklearnPeer.run(python.get(), sklearnScript, data, size.epochs() > 0 ? size.epochs() : 15);
    }

    private static Map<String, Object> environment() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cpu", cpuModel());
        map.put("java", System.getProperty("java.version"));
        map.put("cores", Runtime.getRuntime().availableProcessors());
        map.put("blas", Blas.isNative() ? Blas.implementation() + " on " + Blas.library() : Blas.library());
        map.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
        map.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
        map.put("max_heap_mb", Math.round(HeapMeter.maxMb()));
        map.put("load_average_before", loadAverage());
        return map;
    }

    /** The first "model name" of /proc/cpuinfo, or the JVM's os.arch where there is none. */
    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static double loadAverage() {
        return Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
    }
}
