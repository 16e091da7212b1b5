package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparkprop.nn.GradientSum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientTreeTest {

    private static GradientSum leaf(int partition) {
        GradientSum sum = new GradientSum();
        double[] accumulators = sum.accumulators(3);
        Random random = new Random(partition);
        for (int p = 0; p < 3; p++) {
            accumulators[p] = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
        }
        sum.addExamples(random.nextDouble() * 1e5, partition + 1);
        return sum;
    }

    /** Aggregates the leaves in a shuffled order, merging sub-trees in random groupings as Spark might. */
    private static GradientSum aggregate(int partitions, long seed) {
        List<GradientTree> pending = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            pending.add(new GradientTree(partitions).addLeaf(p, leaf(p)));
        }
        Random random = new Random(seed);
        Collections.shuffle(pending, random);
        while (pending.size() > 1) {
            GradientTree a = pending.remove(random.nextInt(pending.size()));
            GradientTree b = pending.remove(random.nextInt(pending.size()));
            pending.add(a.addAll(b));
        }
        return pending.get(0).total();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 13})
    void everyArrivalOrderGivesTheSameBits(int partitions) {
        GradientSum first = aggregate(partitions, 1);
        for (long seed = 2; seed < 30; seed++) {
            GradientSum other = aggregate(partitions, seed);
            assertArrayEquals(first.accumulators(), other.accumulators(), 0.0);
            assertEquals(first.cost(), other.cost(), 0.0);
        }
        assertEquals((long) partitions * (partitions + 1) / 2, first.count());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void aMissingPartitionIsAnError(int partitions) {
        GradientTree tree = new GradientTree(partitions).addLeaf(0, leaf(0));
        assertThrows(IllegalStateException.class, tree::total);
    }
}
