package dev.sparkprop.train;

import java.util.SplittableRandom;

/**
 * The order in which a partition walks its examples during one epoch: a permutation of
 * 0..n_p-1 drawn from (seed, epoch, partition) alone, so a run repeats whatever executor
 * computes it, and a lost partition recomputed elsewhere walks the same order.
 */
final class ExampleOrder {

    private ExampleOrder() {
    }

    /** The seed of one partition's shuffle in one epoch. */
    static long seedOf(long seed, int epoch, int partition) {
        // Distinct odd multipliers keep (seed, epoch, partition) triples apart; SplittableRandom
        // mixes the result further.
        return seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xBF58476D1CE4E5B9L
                + (partition + 1L) * 0x94D049BB133111EBL;
    }

    /**
     * Fills {@code order[0..size)} with a Fisher-Yates permutation of 0..size-1 for (seed, epoch,
     * partition). Writes {@code order} only.
     */
    public static void shuffleInto(long seed, int epoch, int partition, int size, int[] order) {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seedOf(seed, epoch, partition));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
