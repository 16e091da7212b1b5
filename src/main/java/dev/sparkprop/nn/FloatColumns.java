package dev.sparkprop.nn;

/**
 * The single-precision kernel's element-wise activation loops ({@code FloatActivationBlocks}): a
 * column of float values is widened into a per-thread double buffer, run through the double
 * kernel's own loop ({@link ActivationBlocks#applyRange}, {@link ActivationBlocks#multiplyRange})
 * and rounded back once, so each value is computed in double and rounded once, as before, and to
 * the same bits.
 *
 * <p>Why not convert value by value in the loop: on Java 17, HotSpot's C2 converts a float to
 * double with a scalar {@code vcvtss2sd} that merges into its destination register's old content,
 * a false dependency (JDK-8318562, fixed in JDK 22). In a loop whose body is a long-latency call
 * such as {@code Math.exp}, that chains every iteration to the previous one's result: σ(z) cost
 * 18 ns a value in float against 5 ns in double, g'(a)·δ 4.3 against 1.6 ns, and the float
 * kernel ran at 1.06-1.11x the double one although SGEMM runs at 2.2x DGEMM. The whole-column
 * widening and narrowing loops here are vectorized (packed conversions, no merge).
 */
final class FloatColumns {

    /** Two buffers a thread (errors and activations), grown to the longest column seen. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[2][0]);

    private FloatColumns() {
    }

    /** values[from, to) := g(values[from, to)). */
    static void apply(Activation g, float[] values, int from, int to) {
        double[] wide = widened(0, values, from, to);
        ActivationBlocks.applyRange(g, wide, 0, to - from);
        narrow(wide, values, from, to);
    }

    /** errors[d, d + rows) .*= g'(from activations[a, a + rows)). */
    static void multiplyByDerivative(Activation g, float[] errors, int d, float[] activations, int a, int rows) {
        double[] wideErrors = widened(0, errors, d, d + rows);
        double[] wideActivations = widened(1, activations, a, a + rows);
        ActivationBlocks.multiplyRange(g, wideErrors, 0, wideActivations, 0, rows);
        narrow(wideErrors, errors, d, d + rows);
    }

    /** This thread's buffer {@code which}, holding values[from, to) widened from index 0. */
    private static double[] widened(int which, float[] values, int from, int to) {
        double[][] buffers = BUFFERS.get();
        if (buffers[which].length < to - from) {
            buffers[which] = new double[to - from];
        }
        double[] wide = buffers[which];
        for (int i = from; i < to; i++) {
            wide[i - from] = values[i];
        }
        return wide;
    }

    private static void narrow(double[] wide, float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = (float) wide[i - from];
        }
    }
}
