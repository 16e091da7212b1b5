package dev.sparkprop.bench;

import dev.sparkprop.linalg.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;

/**
 * The raw DGEMM rate through {@link Blas} (the same door the kernels use), the yardstick of the
 * compute and scaling targets. {@code C (m x n) = A (m x k) B (k x n)}, column-major, no
 * transposes, 2·m·n·k flops a call. With T threads each thread runs its own GEMMs on its own
 * matrices, as T Spark tasks do, and the rate is the sum over threads. A case is warmed up once,
 * then timed {@code reps} times for {@code seconds} each; the median counts (the machine may be
 * shared).
 */
public final class DgemmBench {

    /**
     * One measured case.
     *
     * @param m rows of A and C
     * @param n columns of B and C (the examples of a block)
     * @param k columns of A, rows of B
     * @param threads Java threads calling DGEMM at once
     * @param gflops median rate over the repetitions, summed over threads
     * @param best the best repetition's rate
     */
    public record Case(int m, int n, int k, int threads, double gflops, double best) {

        /** {@code m x n x k}. */
        public String shape() {
            return m + "x" + n + "x" + k;
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("shape", shape());
            map.put("threads", threads);
            map.put("gflops", Stats.round(gflops, 2));
            map.put("gflops_best", Stats.round(best, 2));
            return map;
        }
    }

    private DgemmBench() {
    }

    /**
     * The shapes sparkprop's forward pass multiplies most: the first layer's Θ (256 x 785) times a
     * block of B examples, for each block size; plus a square product of the largest B (1024³ for
     * the benchmark's sizes) for the machine's peak.
     */
    public static List<int[]> networkShapes(List<Integer> blockSizes) {
        List<int[]> shapes = new ArrayList<>();
        for (int block : blockSizes) {
            shapes.add(new int[] {256, block, 785});
        }
        int largest = blockSizes.stream().mapToInt(Integer::intValue).max().orElse(1024);
        shapes.add(new int[] {largest, largest, largest});
        return shapes;
    }

    /** Every shape with 1 and 2 threads. */
    public static List<Case> run(List<int[]> shapes, double seconds, int reps) {
        List<Case> cases = new ArrayList<>();
        for (int[] shape : shapes) {
            for (int threads = 1; threads <= 2; threads++) {
                cases.add(measure(shape[0], shape[1], shape[2], threads, seconds, reps));
            }
        }
        return cases;
    }

    /** One case: warm-up, then {@code reps} timed runs of {@code seconds}. */
    public static Case measure(int m, int n, int k, int threads, double seconds, int reps) {
        rate(m, n, k, threads, Math.min(seconds, 0.5)); // JIT, BLAS thread start, caches
        double[] rates = new double[reps];
        for (int r = 0; r < reps; r++) {
            rates[r] = rate(m, n, k, threads, seconds);
        }
        Arrays.sort(rates);
        return new Case(m, n, k, threads, rates[reps / 2], rates[reps - 1]);
    }

    /**
     * SGEMM's one-core rate (median GFLOP/s of {@code reps} runs of {@code seconds}, after a warm-up)
     * for each shape, keyed by {@code m x n x k}: the yardstick of the float kernel.
     */
    public static Map<String, Object> sgemmOneCore(List<int[]> shapes, double seconds, int reps) {
        Map<String, Object> rates = new LinkedHashMap<>();
        for (int[] shape : shapes) {
            sgemmRate(shape[0], shape[1], shape[2], Math.min(seconds, 0.5));
            double[] measured = new double[reps];
            for (int r = 0; r < reps; r++) {
                measured[r] = sgemmRate(shape[0], shape[1], shape[2], seconds);
            }
            rates.put(shape[0] + "x" + shape[1] + "x" + shape[2], Stats.round(Stats.median(measured), 2));
        }
        return rates;
    }

    private static double sgemmRate(int m, int n, int k, double seconds) {
        SplittableRandom random = new SplittableRandom(42);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        long limit = (long) (seconds * 1e9);
        long begin = System.nanoTime();
        long calls = 0;
        do {
            Blas.gemm(false, false, m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m);
            calls++;
        } while (System.nanoTime() - begin < limit);
        return calls * 2.0 * m * n * k / ((System.nanoTime() - begin) / 1e9) / 1e9;
    }

    /** GFLOP/s of {@code threads} threads each calling DGEMM for about {@code seconds}, summed. */
    private static double rate(int m, int n, int k, int threads, double seconds) {
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] perThread = new double[threads];
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> perThread[id] = loop(m, n, k, seconds, id, start), "dgemm-" + t);
            running.add(thread);
            thread.start();
        }
        double total = 0;
        for (int t = 0; t < threads; t++) {
            try {
                running.get(t).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while timing DGEMM", e);
            }
            total += perThread[t];
        }
        return total;
    }

    /** One thread's GEMM loop on its own random matrices; returns its GFLOP/s. */
    private static double loop(int m, int n, int k, double seconds, int id, CyclicBarrier start) {
        SplittableRandom random = new SplittableRandom(42 + id);
        double[] a = random.doubles((long) m * k, -0.5, 0.5).toArray();
        double[] b = random.doubles((long) k * n, -0.5, 0.5).toArray();
        double[] c = new double[m * n];
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException("DGEMM threads could not start together", e);
        }
        long limit = (long) (seconds * 1e9);
        long begin = System.nanoTime();
        long calls = 0;
        do {
            Blas.gemm(false, false, m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m);
            calls++;
        } while (System.nanoTime() - begin < limit);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        return calls * 2.0 * m * n * k / elapsed / 1e9;
    }
}
