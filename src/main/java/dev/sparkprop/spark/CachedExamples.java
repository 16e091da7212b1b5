package dev.sparkprop.spark;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.linalg.Blas;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.Sparsity;
import dev.sparkprop.train.ConfigKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Examples ready for training or judging: one {@link Examples} per partition (features and
 * targets as column-major matrices), cached, with partitions of balanced size.
 *
 * <p>Rows are numbered in file order and partition p receives the contiguous range
 * [p·n/P, (p+1)·n/P), so partition sizes differ by at most one and the same data with the same
 * partition count always gives the same blocks, whatever the input's own splits were.
 *
 * <p>With {@code precision = float} the blocks hold float32 values, half the cached bytes; the
 * partitions then run the float kernel (see {@link dev.sparkprop.train.Precision}). With sparse
 * blocks ({@code sparse}, {@link Sparsity}) each partition holds its features as compressed sparse
 * rows, 12 bytes a non-zero, and runs the kernel for sparse input; {@code auto} decides from the
 * density counted in the pass that counts the rows.
 */
public final class CachedExamples {

    /** The cached blocks' RDD name, as Spark's UI and its block-update events show it. */
    public static final String RDD_NAME = "sparkprop examples";

    private final JavaRDD<Examples> rdd;
    /** The encoder the blocks were built with; kept while they are, since an evicted block is rebuilt with it. */
    private final Broadcast<ExampleEncoder> encoder;
    private final long[] partitionSizes;
    private final long count;
    private final boolean sparse;
    private final double density;

    private CachedExamples(JavaRDD<Examples> rdd, Broadcast<ExampleEncoder> encoder, long[] partitionSizes,
                           boolean sparse, double density) {
        this.rdd = rdd;
        this.encoder = encoder;
        this.partitionSizes = partitionSizes;
        this.sparse = sparse;
        this.density = density;
        long total = 0;
        for (long size : partitionSizes) {
            total += size;
        }
        this.count = total;
    }

    /** {@link #build(JavaRDD, ExampleEncoder, int, Precision, Sparsity, String)} in double, {@code sparse = auto}, at the default level. */
    public static CachedExamples build(JavaRDD<RawExample> rows, ExampleEncoder encoder, int partitions) {
        return build(rows, encoder, partitions, Precision.DOUBLE, Sparsity.AUTO, ConfigKeys.STORAGE_LEVEL.defaultValue());
    }

    /** As {@link #build(JavaRDD, ExampleEncoder, int, Precision, Sparsity, String)} with {@code sparse = auto}. */
    public static CachedExamples build(JavaRDD<RawExample> rows, ExampleEncoder encoder, int partitions,
                                       Precision precision, String storageLevel) {
        return build(rows, encoder, partitions, precision, Sparsity.AUTO, storageLevel);
    }

    /**
     * Encodes {@code rows} into {@code partitions} blocks stored in {@code precision}, dense or as
     * compressed sparse rows by {@code sparsity}, and cached at the storage level named {@code
     * storageLevel} (Spark's name, as the {@code storage-level} key holds it): two Spark jobs
     * (count the rows, and with {@code auto} their non-zeros; then build and cache the blocks).
     * Bad rows surface as one-line data errors.
     */
    public static CachedExamples build(JavaRDD<RawExample> rows, ExampleEncoder encoder, int partitions,
                                       Precision precision, Sparsity sparsity, String storageLevel) {
        boolean inFloat = precision == Precision.FLOAT;
        boolean allowed = !inFloat && encoder.scaling().keepsZeros();
        if (sparsity == Sparsity.SPARSE && !allowed) {
            throw new IllegalArgumentException("sparse=true: sparse blocks need precision=double and a scaling that"
                    + " keeps zeros (none or divide:C)");
        }
        long n;
        double density = Double.NaN;
        if (sparsity == Sparsity.AUTO && allowed) {
            long[] counts = DataReader.perform(() -> rows.aggregate(new long[2],
                    (sum, row) -> new long[] {sum[0] + 1, sum[1] + row.nonZeroCount()},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            n = counts[0];
            density = (double) counts[1] / ((double) n * encoder.scaling().featureCount());
        } else {
            n = DataReader.perform(rows::count);
        }
        if (n == 0) {
            throw new IllegalArgumentException("the data has no rows");
        }
        boolean sparse = sparsity.storesSparse(density, allowed);
        // The encoder goes out once as a broadcast, not inside the blocks' closure: the closure is
        // part of the cached RDD's lineage, which every later job (every step) serializes into its
        // task binary, and a fitted scaling of 2^18 features is 4 MB.
        Broadcast<ExampleEncoder> sharedEncoder = JavaSparkContext.fromSparkContext(rows.context()).broadcast(encoder);
        int parts = (int) Math.min(partitions, n);
        JavaRDD<Examples> blocks = rows.zipWithIndex()
                .mapToPair(row -> new Tuple2<>((int) (row._2() * parts / n), new Tuple2<>(row._2(), row._1())))
                .partitionBy(new HashPartitioner(parts))
                .values()
                .mapPartitions(part -> {
                    ExampleEncoder shared = sharedEncoder.value();
                    Examples block = sparse ? toSparseBlock(part, shared) : toBlock(part, shared);
                    return List.of(inFloat ? block.toFloat() : block).iterator();
                }, true);
        blocks.setName(RDD_NAME).persist(StorageLevel.fromString(storageLevel));
        Map<Integer, Long> sizes = DataReader.perform(() -> blocks
                .mapPartitionsWithIndex((p, it) -> List.of(new Tuple2<>(p, (long) it.next().size())).iterator(), true)
                .mapToPair(t -> t)
                .collectAsMap());
        long[] partitionSizes = new long[parts];
        sizes.forEach((p, size) -> partitionSizes[p] = size);
        return new CachedExamples(blocks, sharedEncoder, partitionSizes, sparse, density);
    }

    /** Sorts a partition's rows back into file order and stacks them into one block. */
    private static Examples toBlock(Iterator<Tuple2<Long, RawExample>> part, ExampleEncoder encoder) {
        List<Tuple2<Long, RawExample>> rows = inFileOrder(part);
        int featureCount = encoder.scaling().featureCount();
        int targetCount = encoder.outputs();
        double[] features = new double[featureCount * rows.size()];
        double[] targets = new double[targetCount * rows.size()];
        for (int c = 0; c < rows.size(); c++) {
            encoder.encodeInto(rows.get(c)._2(), features, c * featureCount, targets, c * targetCount);
        }
        return new Examples(featureCount, targetCount, rows.size(), features, targets);
    }

    /**
     * Sorts a partition's rows back into file order and stores them as compressed sparse rows:
     * their non-zeros only, each row in ascending feature order.
     */
    private static Examples toSparseBlock(Iterator<Tuple2<Long, RawExample>> part, ExampleEncoder encoder) {
        List<Tuple2<Long, RawExample>> rows = inFileOrder(part);
        long nonZeros = 0;
        for (Tuple2<Long, RawExample> row : rows) {
            nonZeros += row._2().nonZeroCount();
        }
        if (nonZeros > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a partition holds " + nonZeros + " non-zero features, more than one"
                    + " array can; use more partitions");
        }
        int targetCount = encoder.outputs();
        int[] rowPointers = new int[rows.size() + 1];
        int[] columns = new int[(int) nonZeros];
        double[] values = new double[(int) nonZeros];
        double[] targets = new double[targetCount * rows.size()];
        for (int c = 0; c < rows.size(); c++) {
            rowPointers[c + 1] = rowPointers[c]
                    + encoder.encodeSparseInto(rows.get(c)._2(), columns, values, rowPointers[c], targets, c * targetCount);
        }
        return Examples.sparse(encoder.scaling().featureCount(), targetCount, rows.size(), rowPointers, columns, values,
                targets);
    }

    private static List<Tuple2<Long, RawExample>> inFileOrder(Iterator<Tuple2<Long, RawExample>> part) {
        List<Tuple2<Long, RawExample>> rows = new ArrayList<>();
        part.forEachRemaining(rows::add);
        rows.sort(Comparator.comparingLong(Tuple2::_1));
        return rows;
    }

    /** Whether the blocks hold compressed sparse rows. */
    public boolean isSparse() {
        return sparse;
    }

    /** The rows' density, non-zeros / (rows x features), when {@code auto} counted it; else NaN. */
    public double density() {
        return density;
    }

    /** How the features are held, for the log: {@code dense}, or {@code sparse} with the density when counted. */
    public String describeLayout() {
        String measured = Double.isNaN(density) ? ""
                : String.format(java.util.Locale.ROOT, " (density %.4f%%)", 100 * density);
        return (sparse ? "sparse blocks" : "dense blocks") + measured;
    }

    /** The cached examples, one block per partition. */
    public JavaRDD<Examples> rdd() {
        return rdd;
    }

    /** n_p for every partition p. */
    public long[] partitionSizes() {
        return partitionSizes.clone();
    }

    /** n, all examples. */
    public long count() {
        return count;
    }

    /** The number of partitions. */
    public int partitions() {
        return partitionSizes.length;
    }

    /**
     * The BLAS of the driver, and of the executors holding these examples when theirs differ
     * (one small job, each executor naming its library as it loaded it), with the native-BLAS hint
     * if any is the Java one.
     */
    public String describeBlas() {
        String driver = Blas.describe(); // a library setting the driver cannot honour stops here, in one line
        List<String> executors = DataReader.perform(() -> rdd.map(block -> executorLibrary()).distinct().collect());
        for (String executor : executors) {
            if (executor.startsWith(UNLOADED)) {
                throw new IllegalStateException("an executor: " + executor.substring(UNLOADED.length()));
            }
        }
        return executors.equals(List.of(Blas.library())) ? driver
                : driver + "; executors " + String.join(", ", executors);
    }

    /**
     * The bytes of the cached values, over every partition (one small job): 8 or 4 per feature and
     * target, or for sparse blocks 12 per non-zero and 4 per example beside the targets.
     */
    public long storedBytes() {
        return DataReader.perform(() -> rdd.map(Examples::storedBytes).reduce(Long::sum));
    }

    /** Marks an executor's answer that is the reason its BLAS did not load, not a library. */
    private static final String UNLOADED = "!";

    /** {@link Blas#library()} on an executor, or the one line saying why its setting could not be honoured. */
    private static String executorLibrary() {
        try {
            return Blas.library();
        } catch (IllegalStateException e) {
            return UNLOADED + e.getMessage();
        }
    }

    /** Drops the cached blocks and the encoder they were built with. */
    public void release() {
        rdd.unpersist(false);
        encoder.destroy();
    }
}
