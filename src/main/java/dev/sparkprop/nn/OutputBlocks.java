package dev.sparkprop.nn;

/**
 * The block kernels of the output layer ({@link Output}): a = g(z) with the summed cost, and
 * δ^(L), on {@code K x m} blocks, column-major.
 *
 * <p>This file is also the template of {@code FloatOutputBlocks}, the single-precision kernel
 * (see {@link Backprop} for the rules): values are computed in double, the cost is summed in
 * double, and each stored value is rounded once at the {@code (double)} casts (no-ops here).
 * Costs are computed from z before it is overwritten by a, in forms that cannot overflow:
 * ln(1 + e^z) - y z for the logistic cost, and log-sum-exp for softmax.
 */
final class OutputBlocks {

    private OutputBlocks() {
    }

    /**
     * Turns z into a in place for a {@code rows x cols} block (contiguous) and, when
     * {@code targets} is not null, returns the summed cost Σ_i J_1 over the columns; else 0.
     * Mutates {@code values} only.
     */
    static double activate(Output output, double[] values, double[] targets, int rows, int cols) {
        double cost = 0.0;
        for (int j = 0; j < cols; j++) {
            int start = j * rows;
            cost += output == Output.SOFTMAX
                    ? softmaxColumn(values, targets, start, rows)
                    : elementwiseColumn(output, values, targets, start, rows);
        }
        return cost;
    }

    private static double elementwiseColumn(Output output, double[] values, double[] targets, int start, int rows) {
        double cost = 0.0;
        for (int i = start; i < start + rows; i++) {
            double z = values[i];
            double a = output == Output.LINEAR ? z
                    : output == Output.STEP ? (z >= 0 ? 1.0 : 0.0) : 1.0 / (1.0 + Math.exp(-z));
            values[i] = (double) a;
            if (targets != null) {
                double y = targets[i];
                if (output == Output.STEP) {
                    cost += Math.max(0.0, -(2.0 * y - 1.0) * z); // the perceptron criterion
                } else if (output == Output.LOGISTIC) {
                    // -[y ln σ(z) + (1-y) ln(1-σ(z))] = ln(1 + e^z) - y z
                    cost += Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
                } else {
                    double e = a - y;
                    cost += 0.5 * e * e;
                }
            }
        }
        return cost;
    }

    private static double softmaxColumn(double[] values, double[] targets, int start, int rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < start + rows; i++) {
            max = Math.max(max, values[i]);
        }
        double sum = 0.0;
        for (int i = start; i < start + rows; i++) {
            sum += Math.exp(values[i] - max);
        }
        double logSumExp = max + Math.log(sum);
        double cost = 0.0;
        for (int i = start; i < start + rows; i++) {
            double z = values[i];
            if (targets != null) {
                cost += targets[i] * (logSumExp - z);
            }
            values[i] = (double) Math.exp(z - logSumExp);
        }
        return cost;
    }

    /**
     * δ^(L) for a {@code rows x cols} block: a - y for the matched pairs, (a - y) .* a .* (1 - a)
     * for sigmoid with squared error, into {@code errors}. Writes {@code errors} only.
     */
    static void outputError(Output output, double[] activations, double[] targets, double[] errors, int rows,
                            int cols) {
        int n = rows * cols;
        if (output == Output.SIGMOID_SQUARED) {
            for (int i = 0; i < n; i++) {
                double a = activations[i];
                errors[i] = (double) ((a - targets[i]) * a * (1.0 - a));
            }
        } else {
            for (int i = 0; i < n; i++) {
                errors[i] = activations[i] - targets[i];
            }
        }
    }
}
