package dev.sparkprop.bench;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.Sparsity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * Sparse blocks ({@code sparse = true}) against dense blocks of the same rows, on a projection of
 * the hashed text set small enough for dense blocks to fit: {@link #FEATURES} features at 1%
 * density (41 non-zeros a row, at random columns, counts of 1 to 3), 10 classes, network
 * {@link #NETWORK}. Two measures, each interleaved (dense, sparse, dense, ...) so the machine's
 * load falls on both alike: the forward+backward kernel on one core, no Spark (dense {@link
 * Backprop} against {@link Backprop#forSparseInput} on the same block); and full-batch passes in
 * local[2] over the cached blocks, which add Spark's job, Θ's broadcast and Δ's return (the same
 * for both). With the cached bytes of each.
 *
 * <p>And the full-width set, where only sparse blocks fit: MLlib's {@code MultilayerPerceptronClassifier}
 * stacks its rows into dense blocks of {@code blockSize} (128) rows x all features, so 2^18 hashed
 * features cost it 128 x 262,144 doubles = 268 MB a block, ⌈37,646 / 128⌉ = 295 blocks, 79 GB
 * cached, before a step; computed here from the set's shape rather than run (it would exhaust the
 * heap).
 */
public final class SparseBench {

    /** The projection's width. */
    public static final int FEATURES = 4_096;
    /** The projection's density: the issue's 1%. */
    public static final double DENSITY = 0.01;
    public static final String NETWORK = FEATURES + "-256:relu-10:softmax";
    /** The hashed Debian set as {@code generate debian-packages} writes it on this machine (README). */
    public static final long FULL_WIDTH_ROWS = 37_646;
    public static final int FULL_WIDTH_FEATURES = 1 << 18;
    /** MLlib MLPC's default {@code blockSize}: rows stacked per dense block. */
    public static final int MLLIB_BLOCK_ROWS = 128;

    private SparseBench() {
    }

    /**
     * This part alone in a local[2] session: {@code [ROWS [PASSES]]} (default 20,000 rows, 10
     * passes; the kernel 5 x 1 s), with the bench's Spark settings. Prints the measures and target
     * 9's row. {@code OPENBLAS_NUM_THREADS=1 java --add-opens... -cp
     * target/test-classes:target/sparkprop_2.12-spark3.5.jar:target/lib/* dev.sparkprop.bench.SparseBench}.
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : BenchRun.SPARSE_ROWS_FULL;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder()
                .config(Bench.FreshSessions.conf("local[2]")).getOrCreate();
        try {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Map<String, Object> result = run(JavaSparkContext.fromSparkContext(spark.sparkContext()), rows, passes, 5,
                    1.0);
            result.put("load_average_before", load);
            result.put("load_average_after",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println(result);
            Targets.Target target = Targets.sparse(result);
            System.out.println("| " + target.id() + " | " + target.what() + " | " + target.measured() + " | "
                    + target.goal() + " | " + target.verdict() + " |");
        } finally {
            spark.stop();
        }
    }

    /** {@code rows} rows of the projection, seeded. */
    static List<RawExample> rows(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int perRow = (int) Math.round(FEATURES * DENSITY);
        List<RawExample> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int[] columns = random.ints(0, FEATURES).distinct().limit(perRow).sorted().toArray();
            double[] values = IntStream.range(0, perRow).mapToDouble(k -> 1 + random.nextInt(3)).toArray();
            out.add(RawExample.sparse("projection", r + 1, Integer.toString(random.nextInt(10)), FEATURES, columns,
                    values));
        }
        return out;
    }

    /**
     * The measures on {@code rows} rows: the kernel {@code reps} times each (interleaved, about
     * {@code seconds} a repetition), and {@code passes} full-batch passes each, interleaved.
     */
    public static Map<String, Object> run(JavaSparkContext sc, int rows, int passes, int reps, double seconds) {
        NetworkSpec spec = NetworkSpec.parse(NETWORK);
        List<RawExample> data = rows(rows, 7);
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        ExampleEncoder encoder = new ExampleEncoder(10, LabelIndex.fit(classes, 10), FeatureScaling.none(FEATURES));
        CachedExamples dense = CachedExamples.build(sc.parallelize(data, 2), encoder, 2, Precision.DOUBLE,
                Sparsity.DENSE, "MEMORY_ONLY");
        CachedExamples sparse = CachedExamples.build(sc.parallelize(data, 2), encoder, 2, Precision.DOUBLE,
                Sparsity.SPARSE, "MEMORY_ONLY");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("network", NETWORK);
        map.put("rows", rows);
        map.put("density", DENSITY);
        map.put("dense_stored_bytes", dense.storedBytes());
        map.put("sparse_stored_bytes", sparse.storedBytes());
        map.put("dense_cached_bytes", cachedBytes(sc, dense));
        map.put("sparse_cached_bytes", cachedBytes(sc, sparse));
        Examples denseBlock = dense.rdd().first();
        Examples sparseBlock = sparse.rdd().first();
        double[] kernel = kernelRates(spec, denseBlock, sparseBlock, reps, seconds);
        map.put("kernel_dense_examples_per_second", Math.round(kernel[0]));
        map.put("kernel_sparse_examples_per_second", Math.round(kernel[1]));
        double[] pass = passRates(sc, spec, dense, sparse, passes);
        map.put("passes", passes);
        map.put("dense_examples_per_second", Math.round(pass[0]));
        map.put("sparse_examples_per_second", Math.round(pass[1]));
        map.put("dense_pass_seconds_median", Stats.round(pass[2], 4));
        map.put("sparse_pass_seconds_median", Stats.round(pass[3], 4));
        map.put("dense_slowest_compute_seconds_median", Stats.round(pass[4], 4));
        map.put("sparse_slowest_compute_seconds_median", Stats.round(pass[5], 4));
        map.put("ratio", Stats.round(pass[1] / pass[0], 3));
        dense.release();
        sparse.release();
        map.put("mllib_full_width", mllibFullWidth());
        return map;
    }

    /** MLPC's block memory on the full-width set, computed: it would not fit. */
    static Map<String, Object> mllibFullWidth() {
        long blockBytes = (long) MLLIB_BLOCK_ROWS * FULL_WIDTH_FEATURES * Double.BYTES;
        long blocks = (FULL_WIDTH_ROWS + MLLIB_BLOCK_ROWS - 1) / MLLIB_BLOCK_ROWS;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("features", FULL_WIDTH_FEATURES);
        map.put("rows", FULL_WIDTH_ROWS);
        map.put("block_rows", MLLIB_BLOCK_ROWS);
        map.put("block_bytes", blockBytes);
        map.put("blocks", blocks);
        map.put("cached_bytes", blockBytes * blocks);
        map.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return map;
    }

    /** Median examples/s of the dense and the sparse kernel on one core, timed in turns. */
    private static double[] kernelRates(NetworkSpec spec, Examples dense, Examples sparse, int reps, double seconds) {
        double[] theta = Initialization.parse("he").initialize(spec, 1);
        Backprop denseKernel = new Backprop(spec, 256);
        Backprop sparseKernel = Backprop.forSparseInput(spec, 256);
        double[][] rates = new double[2][reps];
        for (int rep = 0; rep < reps; rep++) {
            rates[0][rep] = kernelRate(denseKernel, theta, dense, seconds);
            rates[1][rep] = kernelRate(sparseKernel, theta, sparse, seconds);
        }
        return new double[] {Stats.median(rates[0]), Stats.median(rates[1])};
    }

    private static double kernelRate(Backprop kernel, double[] theta, Examples block, double seconds) {
        long examples = 0;
        GradientSum sum = new GradientSum(); // one Δ for every repetition, as a task keeps one per step
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        do {
            kernel.accumulateInto(theta, block, null, 0, block.size(), sum);
            examples += block.size();
        } while (System.nanoTime() < end);
        return examples / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Full-batch passes, dense and sparse in turns, after one untimed pass each: the median pass's
     * examples/s (dense, sparse), its seconds, and the median of the slowest partition's compute.
     */
    private static double[] passRates(JavaSparkContext sc, NetworkSpec spec, CachedExamples dense,
                                      CachedExamples sparse, int passes) {
        CachedExamples[] sets = {dense, sparse};
        SparkGradient[] sources = new SparkGradient[2];
        double[][] thetas = new double[2][];
        for (int s = 0; s < 2; s++) {
            sources[s] = new SparkGradient(sc, sets[s], spec, 2, 256, 1, new double[0]);
            thetas[s] = Initialization.parse("he").initialize(spec, 1);
        }
        Optimizer descent = Optimizers.create("sgd", 0.1, 0.9, 0.9, 0.999, 1e-8);
        double[][] seconds = new double[2][passes];
        double[][] compute = new double[2][passes];
        for (int pass = -1; pass < passes; pass++) {
            for (int s = 0; s < 2; s++) {
                double slowestBefore = sources[s].timings().slowestComputeSeconds();
                long start = System.nanoTime();
                CostGradient costGradient = Objective.UNREGULARIZED.costGradient(spec, thetas[s],
                        sources[s].sums(thetas[s], Minibatch.all()));
                descent.step(costGradient.gradient(), thetas[s]);
                if (pass >= 0) {
                    seconds[s][pass] = (System.nanoTime() - start) / 1e9;
                    compute[s][pass] = sources[s].timings().slowestComputeSeconds() - slowestBefore;
                }
            }
        }
        return new double[] {dense.count() / Stats.median(seconds[0]), sparse.count() / Stats.median(seconds[1]),
            Stats.median(seconds[0]), Stats.median(seconds[1]), Stats.median(compute[0]), Stats.median(compute[1])};
    }

    private static long cachedBytes(JavaSparkContext sc, CachedExamples blocks) {
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == blocks.rdd().id()) {
                return info.memSize() + info.diskSize();
            }
        }
        return -1;
    }
}
