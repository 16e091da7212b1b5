package dev.sparkprop.spark;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.linalg.Blas;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.train.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
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
 * partitions then run the float kernel (see {@link dev.sparkprop.train.Precision}).
 */
public final class CachedExamples {

    private final JavaRDD<Examples> rdd;
    private final long[] partitionSizes;
    private final long count;

    private CachedExamples(JavaRDD<Examples> rdd, long[] partitionSizes) {
        this.rdd = rdd;
        this.partitionSizes = partitionSizes;
        long total = 0;
        for (long size : partitionSizes) {
            total += size;
        }
        this.count = total;
    }

    /**
     * Encodes {@code rows} into {@code partitions} cached blocks: two Spark jobs (number the rows,
     * then build and cache the blocks). Bad rows surface as one-line data errors.
     */
    public static CachedExamples build(JavaRDD<RawExample> rows, ExampleEncoder encoder, int partitions) {
        return build(rows, encoder, partitions, Precision.DOUBLE);
    }

    /** As {@link #build(JavaRDD, ExampleEncoder, int)}, the blocks stored in {@code precision}. */
    public static CachedExamples build(JavaRDD<RawExample> rows, ExampleEncoder encoder, int partitions,
                                       Precision precision) {
        boolean inFloat = precision == Precision.FLOAT;
        long n = DataReader.perform(rows::count);
        if (n == 0) {
            throw new IllegalArgumentException("the data has no rows");
        }
        int parts = (int) Math.min(partitions, n);
        JavaRDD<Examples> blocks = rows.zipWithIndex()
                .mapToPair(row -> new Tuple2<>((int) (row._2() * parts / n), new Tuple2<>(row._2(), row._1())))
                .partitionBy(new HashPartitioner(parts))
                .values()
                .mapPartitions(part -> {
                    Examples block = toBlock(part, encoder);
                    return List.of(inFloat ? block.toFloat() : block).iterator();
                }, true);
        blocks.persist(StorageLevel.MEMORY_ONLY());
        Map<Integer, Long> sizes = DataReader.perform(() -> blocks
                .mapPartitionsWithIndex((p, it) -> List.of(new Tuple2<>(p, (long) it.next().size())).iterator(), true)
                .mapToPair(t -> t)
                .collectAsMap());
        long[] partitionSizes = new long[parts];
        sizes.forEach((p, size) -> partitionSizes[p] = size);
        return new CachedExamples(blocks, partitionSizes);
    }

    /** Sorts a partition's rows back into file order and stacks them into one block. */
    private static Examples toBlock(Iterator<Tuple2<Long, RawExample>> part, ExampleEncoder encoder) {
        List<Tuple2<Long, RawExample>> rows = new ArrayList<>();
        part.forEachRemaining(rows::add);
        rows.sort(Comparator.comparingLong(Tuple2::_1));
        int featureCount = encoder.scaling().featureCount();
        int targetCount = encoder.outputs();
        double[] features = new double[featureCount * rows.size()];
        double[] targets = new double[targetCount * rows.size()];
        for (int c = 0; c < rows.size(); c++) {
            encoder.encodeInto(rows.get(c)._2(), features, c * featureCount, targets, c * targetCount);
        }
        return new Examples(featureCount, targetCount, rows.size(), features, targets);
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
     * (one small job), with the native-BLAS hint if any is the Java one.
     */
    public String describeBlas() {
        List<String> executors = DataReader.perform(() -> rdd.map(block -> Blas.implementation()).distinct().collect());
        String driver = Blas.describe();
        return executors.equals(List.of(Blas.implementation())) ? driver
                : driver + "; executors " + String.join(", ", executors);
    }

    /** The bytes of the cached values, over every partition (one small job): 8 or 4 per feature and target. */
    public long storedBytes() {
        return DataReader.perform(() -> rdd.map(Examples::storedBytes).reduce(Long::sum));
    }

    /** Drops the cached blocks. */
    public void release() {
        rdd.unpersist(false);
    }
}
