package dev.sparkprop.train;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.NetworkSpec;

/**
 * Per-thread scratch space on executors, so a task allocates nothing per step: the
 * {@link Backprop} workspace and the buffer of the epoch order. Each Spark task runs on one
 * thread, and a thread runs one task at a time, so a thread-local is never shared.
 *
 * <p>This is a cache, not state: everything in it is rebuilt on demand from the task's own
 * inputs, so a lost executor or a task retried elsewhere computes the same result.
 */
final class Workspaces {

    private static final ThreadLocal<Backprop> BACKPROP = new ThreadLocal<>();
    private static final ThreadLocal<OrderCache> ORDER = ThreadLocal.withInitial(OrderCache::new);

    private Workspaces() {
    }

    /** This thread's workspace for {@code spec} and blocks of {@code capacity}, reused while they match. */
    static Backprop backprop(NetworkSpec spec, int capacity) {
        Backprop backprop = BACKPROP.get();
        if (backprop == null || backprop.capacity() != capacity || !backprop.spec().equals(spec)) {
            backprop = new Backprop(spec, capacity);
            BACKPROP.set(backprop);
        }
        return backprop;
    }

    /** Partition p's order for the epoch, recomputed only when (seed, epoch, partition, size) changes. */
    static int[] order(long seed, int epoch, int partition, int size) {
        return ORDER.get().get(seed, epoch, partition, size);
    }

    /** The last order this thread computed. */
    private static final class OrderCache {
        private int[] order = new int[0];
        private long seed;
        private int epoch = -1;
        private int partition = -1;
        private int size = -1;

        int[] get(long seed, int epoch, int partition, int size) {
            if (seed != this.seed || epoch != this.epoch || partition != this.partition || size != this.size) {
                if (order.length < size) {
                    order = new int[size];
                }
                ExampleOrder.shuffleInto(seed, epoch, partition, size, order);
                this.seed = seed;
                this.epoch = epoch;
                this.partition = partition;
                this.size = size;
            }
            return order;
        }
    }
}
