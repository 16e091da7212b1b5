package dev.sparkprop.train;

import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gradient sums in this JVM, with no Spark: the partitions are blocks in a list, walked in
 * order, and added up in the same {@link GradientTree} as the cluster's, so for the same
 * partitions the sums are the cluster's to the bit. For tests of the loop, tiny data, and the
 * reference the distributed source must match.
 */
public final class LocalGradient implements GradientSource {

    private final NetworkSpec spec;
    private final List<Examples> partitions;
    private final int blockSize;
    private final long seed;
    private final double[] dropoutRates;
    private final long[] sizes;
    private final StepTimings timings = new StepTimings();

    /**
     * @param partitions the examples of each partition p, columns in stored order
     * @param blockSize examples per GEMM block
     * @param seed the run's seed (epoch orders, dropout masks)
     * @param dropoutRates drop probability per hidden layer, applied in training steps only
     */
    public LocalGradient(NetworkSpec spec, List<Examples> partitions, int blockSize, long seed,
                         double[] dropoutRates) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a gradient source needs >= 1 partition");
        }
        this.spec = spec;
        this.partitions = List.copyOf(partitions);
        this.blockSize = blockSize;
        this.seed = seed;
        this.dropoutRates = dropoutRates.clone();
        this.sizes = this.partitions.stream().mapToLong(Examples::size).toArray();
    }

    /** All of {@code examples} as one partition, without dropout. */
    public static LocalGradient of(NetworkSpec spec, Examples examples, long seed) {
        return new LocalGradient(spec, List.of(examples), Math.max(1, Math.min(examples.size(), 1024)), seed,
                new double[0]);
    }

    @Override
    public long[] partitionSizes() {
        return sizes.clone();
    }

    @Override
    public GradientSum sums(double[] theta, Minibatch batch) {
        long start = System.nanoTime();
        GradientTree tree = new GradientTree(partitions.size());
        Supplier<float[]> floatTheta = PartitionWork.roundedOnce(theta);
        for (int p = 0; p < partitions.size(); p++) {
            tree.addLeaf(p, PartitionWork.gradient(spec, blockSize, seed, dropoutRates, batch, p, theta,
                    floatTheta, partitions.get(p)));
        }
        GradientSum sum = tree.total();
        timings.addStep(0, System.nanoTime() - start);
        timings.addCompute(sum.computeNanos(), sum.slowestComputeNanos());
        return sum;
    }

    @Override
    public MetricSum evaluate(double[] theta) {
        MetricSum total = new MetricSum();
        for (Examples examples : partitions) {
            total.add(PartitionWork.metrics(spec, blockSize, theta, examples, new MetricSum()));
        }
        return total;
    }

    @Override
    public StepTimings timings() {
        return timings;
    }
}
