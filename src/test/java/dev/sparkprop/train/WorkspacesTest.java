package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkspacesTest {

    @Test
    void aThreadAlternatingPartitionsKeepsEachOrderAndGetsTheRightOne() {
        int[] first = Workspaces.order(7, 0, 0, 1000);
        int[] second = Workspaces.order(7, 0, 1, 900);
        assertArrayEquals(expected(7, 0, 0, 1000), Arrays.copyOf(first, 1000));
        assertArrayEquals(expected(7, 0, 1, 900), Arrays.copyOf(second, 900));
        // Back to partition 0 and 1: the kept orders, not reshuffled copies.
        assertSame(first, Workspaces.order(7, 0, 0, 1000));
        assertSame(second, Workspaces.order(7, 0, 1, 900));
        // A new epoch reshuffles in place.
        assertArrayEquals(expected(7, 1, 0, 1000), Arrays.copyOf(Workspaces.order(7, 1, 0, 1000), 1000));
    }

    @Test
    void morePartitionsThanTheCacheHoldsStillGetTheirOwnOrders() {
        for (int round = 0; round < 2; round++) {
            for (int partition = 0; partition < 7; partition++) {
                int size = 100 + partition;
                assertArrayEquals(expected(3, 2, partition, size),
                        Arrays.copyOf(Workspaces.order(3, 2, partition, size), size), "partition " + partition);
            }
        }
    }

    private static int[] expected(long seed, int epoch, int partition, int size) {
        int[] order = new int[size];
        ExampleOrder.shuffleInto(seed, epoch, partition, size, order);
        return order;
    }
}
