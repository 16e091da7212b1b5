package dev.sparkprop.train;

import java.io.Serializable;

/**
 * Which examples one gradient job sums, small enough to ship with every task.
 *
 * @param epoch the epoch whose example order ({@link ExampleOrder}) {@code slices} index
 * @param slices {@code {from_0, to_0, from_1, to_1, ...}}: partition p sums positions
 *     from_p..to_p of its epoch order ({@link MinibatchPlan#slices}); null: every example of every
 *     partition, in stored order (a full pass)
 * @param globalStep the training step, which seeds the dropout masks; -1 for a pass without
 *     dropout (gradient checking, L-BFGS)
 */
public record Minibatch(int epoch, int[] slices, long globalStep) implements Serializable {

    /** Every example in stored order, without dropout: the batch gradient. */
    public static Minibatch all() {
        return new Minibatch(0, null, -1);
    }

    /**
     * Step {@code step} of {@code epoch} in {@code plan}, the {@code globalStep}-th of the run. A
     * plan of one step per epoch takes every example in stored order, as a full pass does.
     */
    public static Minibatch step(MinibatchPlan plan, int epoch, int step, long globalStep) {
        return new Minibatch(epoch, plan.stepsPerEpoch() == 1 ? null : plan.slices(step), globalStep);
    }

    /** Whether dropout applies (a training step, when a rate is set). */
    public boolean training() {
        return globalStep >= 0;
    }

    /** The first position of partition p's order this batch takes. */
    int from(int partition) {
        return slices == null ? 0 : slices[2 * partition];
    }

    /** One past the last position of partition p's order this batch takes, for a partition of {@code size}. */
    int to(int partition, int size) {
        return slices == null ? size : slices[2 * partition + 1];
    }
}
