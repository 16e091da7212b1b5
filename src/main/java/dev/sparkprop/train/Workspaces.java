package dev.sparkprop.train;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.FloatBackprop;
import dev.sparkprop.nn.NetworkSpec;
import java.util.LinkedHashMap;

/**
 * Per-thread scratch space on executors, so a task allocates nothing per step: the
 * {@link Backprop} workspace (dense input, or sparse input for compressed blocks) and the buffer
 * of the epoch order. Each Spark task runs on one
 * thread, and a thread runs one task at a time, so a thread-local is never shared.
 *
 * <p>This is a cache, not state: everything in it is rebuilt on demand from the task's own
 * inputs, so a lost executor or a task retried elsewhere computes the same result.
 */
public final class Workspaces {

    private static final ThreadLocal<Backprop> BACKPROP = new ThreadLocal<>();
    private static final ThreadLocal<FloatBackprop> FLOAT_BACKPROP = new ThreadLocal<>();
    private static final ThreadLocal<OrderCache> ORDER = ThreadLocal.withInitial(OrderCache::new);

    private Workspaces() {
    }

    /** This thread's workspace for {@code spec} and blocks of {@code capacity}, reused while they match. */
    public static Backprop backprop(NetworkSpec spec, int capacity) {
        return backprop(spec, capacity, false);
    }

    /**
     * As {@link #backprop(NetworkSpec, int)}, for examples stored as compressed sparse rows when
     * {@code sparseInput} ({@link Backprop#forSparseInput}: no dense A^(1) buffer).
     */
    public static Backprop backprop(NetworkSpec spec, int capacity, boolean sparseInput) {
        Backprop backprop = BACKPROP.get();
        if (backprop == null || backprop.capacity() != capacity || !backprop.spec().equals(spec)
                || backprop.readsSparseInput() != sparseInput) {
            backprop = sparseInput ? Backprop.forSparseInput(spec, capacity) : new Backprop(spec, capacity);
            BACKPROP.set(backprop);
        }
        return backprop;
    }

    /** This thread's single-precision workspace ({@code precision = float}), reused like {@link #backprop}'s. */
    public static FloatBackprop floatBackprop(NetworkSpec spec, int capacity) {
        FloatBackprop backprop = FLOAT_BACKPROP.get();
        if (backprop == null || backprop.capacity() != capacity || !backprop.spec().equals(spec)) {
            backprop = new FloatBackprop(spec, capacity);
            FLOAT_BACKPROP.set(backprop);
        }
        return backprop;
    }

    /** Partition p's order for the epoch, recomputed only when (seed, epoch, partition, size) changes. */
    static int[] order(long seed, int epoch, int partition, int size) {
        return ORDER.get().get(seed, epoch, partition, size);
    }

    /**
     * The orders this thread computed last, one per partition, up to {@link #PARTITIONS}: Spark
     * does not pin a partition to a thread, so a thread that alternates between partitions keeps
     * both orders rather than reshuffling n_p indices on every step.
     */
    private static final class OrderCache {
        /** Partitions whose order a thread keeps (4 bytes per example each). */
        static final int PARTITIONS = 4;

        private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);

        int[] get(long seed, int epoch, int partition, int size) {
            Entry entry = entries.get(partition);
            if (entry == null || entry.seed != seed || entry.epoch != epoch || entry.size != size) {
                if (entry == null) {
                    if (entries.size() >= PARTITIONS) {
                        Integer eldest = entries.keySet().iterator().next(); // least recently used
                        entry = entries.remove(eldest);
                    } else {
                        entry = new Entry();
                    }
                    entries.put(partition, entry);
                }
                if (entry.order.length < size) {
                    entry.order = new int[size];
                }
                ExampleOrder.shuffleInto(seed, epoch, partition, size, entry.order);
                entry.seed = seed;
                entry.epoch = epoch;
                entry.size = size;
            }
            return entry.order;
        }
    }

    /** One partition's order for one (seed, epoch, size). */
    private static final class Entry {
        int[] order = new int[0];
        long seed;
        int epoch = -1;
        int size = -1;
    }
}
