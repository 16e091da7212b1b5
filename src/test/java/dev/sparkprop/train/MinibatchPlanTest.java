package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinibatchPlanTest {

    @Test
    void everyStepTakesExactlyTheBatchAndEveryExampleOnce() {
        long[] sizes = {7, 13, 4, 9};
        for (int batch : new int[] {1, 2, 5, 8, 32, 33, 100}) {
            MinibatchPlan plan = new MinibatchPlan(sizes, batch);
            int n = 33;
            assertEquals((n + Math.min(batch, n) - 1) / Math.min(batch, n), plan.stepsPerEpoch());
            for (int s = 0; s < plan.stepsPerEpoch(); s++) {
                long expected = Math.min(batch, n - (long) s * Math.min(batch, n));
                assertEquals(expected, plan.stepSize(s), "batch " + batch + ", step " + s);
                for (int p = 0; p < sizes.length; p++) {
                    assertTrue(plan.to(s, p) >= plan.from(s, p));
                    if (s > 0) {
                        assertEquals(plan.to(s - 1, p), plan.from(s, p), "steps are contiguous");
                    }
                }
            }
            for (int p = 0; p < sizes.length; p++) {
                assertEquals(0, plan.from(0, p));
                assertEquals(sizes[p], plan.to(plan.stepsPerEpoch() - 1, p), "all of partition " + p);
            }
        }
    }

    @Test
    void partitionsContributeInProportionToTheirSize() {
        MinibatchPlan plan = new MinibatchPlan(new long[] {300, 100}, 40);
        for (int s = 0; s < plan.stepsPerEpoch(); s++) {
            assertEquals(30, plan.to(s, 0) - plan.from(s, 0));
            assertEquals(10, plan.to(s, 1) - plan.from(s, 1));
        }
    }

    @Test
    void batchZeroIsTheWholeSet() {
        MinibatchPlan plan = new MinibatchPlan(new long[] {5, 6}, 0);
        assertEquals(1, plan.stepsPerEpoch());
        assertEquals(11, plan.stepSize(0));
        assertEquals("[0, 5, 0, 6]", Arrays.toString(plan.slices(0)));
    }

    @Test
    void orderIsAPermutationThatRepeats() {
        int[] first = new int[50];
        int[] again = new int[50];
        int[] nextEpoch = new int[50];
        ExampleOrder.shuffleInto(3, 1, 2, 50, first);
        ExampleOrder.shuffleInto(3, 1, 2, 50, again);
        ExampleOrder.shuffleInto(3, 2, 2, 50, nextEpoch);
        assertTrue(Arrays.equals(first, again));
        assertTrue(!Arrays.equals(first, nextEpoch));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void refusesEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new MinibatchPlan(new long[] {0, 0}, 4));
    }
}
