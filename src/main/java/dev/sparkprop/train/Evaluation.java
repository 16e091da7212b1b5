package dev.sparkprop.train;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.NetworkSpec;

/** The executor side of evaluation: forward passes over a block, chunk by chunk, into metric sums. */
final class Evaluation {

    private static final ThreadLocal<double[]> OUTPUTS = ThreadLocal.withInitial(() -> new double[0]);

    private Evaluation() {
    }

    /** Adds every example of {@code block} into {@code partial} and returns it. */
    static MetricSum addBlock(NetworkSpec spec, int blockSize, double[] theta, ExampleBlock block, MetricSum partial) {
        Backprop backprop = Workspaces.backprop(spec, blockSize);
        int k = spec.outputSize();
        double[] outputs = OUTPUTS.get();
        if (outputs.length < k * blockSize) {
            outputs = new double[k * blockSize];
            OUTPUTS.set(outputs);
        }
        double[] targets = new double[k * Math.min(blockSize, block.size())];
        for (int start = 0; start < block.size(); start += blockSize) {
            int m = Math.min(blockSize, block.size() - start);
            double cost = backprop.predictInto(theta, block, start, start + m, outputs, 0);
            for (int c = 0; c < m; c++) {
                block.copyTargets(start + c, targets, c * k);
            }
            partial.addExamples(spec, outputs, targets, 0, m, cost);
        }
        return partial;
    }
}
