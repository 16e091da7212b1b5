package dev.sparkprop.bench;

import dev.sparkprop.linalg.DoubleArrays;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.FloatBackprop;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * sparkprop's forward-and-backward kernel ({@link Backprop#accumulateInto}) on one core, as a
 * Spark task runs it: a cached block of examples visited in a shuffled order, in chunks of the
 * block size B, Δ accumulated. No Spark.
 *
 * <p>FLOPs are counted as the peer benchmark counts them, per example: forward 2·W, weight
 * gradients 2·W, δ back-propagation 2·(W − W₁), with W the weights without biases and W₁ those
 * of the first layer. For 784-256-128-10: W = 234,752, W₁ = 200,704, so 1,006,592 flops an
 * example (the bias columns the GEMMs also carry add 0.2 % and are not counted).
 */
public final class KernelBench {


    /**
     * One block size.
     *
     * @param blockSize B, the examples per GEMM
     * @param examplesPerSecond median over the repetitions
     * @param gflops examples/s × flops per example
     * @param floatExamplesPerSecond the same for the float kernel ({@code precision = float}), timed interleaved
     * @param floatGflops its examples/s × flops per example
     */
    public record Case(int blockSize, double examplesPerSecond, double gflops, double floatExamplesPerSecond,
                       double floatGflops) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("block_size", blockSize);
            map.put("examples_per_second", Math.round(examplesPerSecond));
            map.put("gflops", Stats.round(gflops, 2));
            map.put("float_examples_per_second", Math.round(floatExamplesPerSecond));
            map.put("float_gflops", Stats.round(floatGflops, 2));
            return map;
        }
    }

    private KernelBench() {
    }

    /** Flops per example as the peer counts them (see the class doc). */
    public static double flopsPerExample(NetworkSpec spec) {
        double weights = 0;
        for (int l = 1; l < spec.layerCount(); l++) {
            weights += (double) spec.units(l) * spec.units(l + 1);
        }
        double first = (double) spec.units(1) * spec.units(2);
        return 2 * weights + 2 * weights + 2 * (weights - first);
    }

    /** Every block size, timed {@code reps} times for {@code seconds} each after a warm-up. */
    public static List<Case> run(NetworkSpec spec, List<Integer> blockSizes, double seconds, int reps) {
        // The block walked per call: four chunks of the largest B, visited in a shuffled order.
        int examples = 4 * blockSizes.stream().mapToInt(Integer::intValue).max().orElse(256);
        Examples block = randomBlock(spec, examples, 7);
        int[] order = shuffledOrder(examples, 11);
        double[] theta = Initialization.parse("xavier").initialize(spec, 1);
        Examples floatBlock = block.toFloat();
        float[] floatTheta = DoubleArrays.toFloat(theta);
        double flops = flopsPerExample(spec);
        List<Case> cases = new ArrayList<>();
        for (int blockSize : blockSizes) {
            Backprop backprop = new Backprop(spec, blockSize);
            FloatBackprop floatBackprop = new FloatBackprop(spec, blockSize);
            GradientSum sum = new GradientSum();
            Runnable inDouble = () -> backprop.accumulateInto(theta, block, order, 0, block.size(), sum);
            Runnable inFloat = () -> floatBackprop.accumulateInto(floatTheta, floatBlock, order, 0, block.size(),
                    Dropout.NONE, sum);
            rate(inDouble, block.size(), Math.min(seconds, 0.5));
            rate(inFloat, block.size(), Math.min(seconds, 0.5));
            double[] rates = new double[reps];
            double[] floatRates = new double[reps];
            for (int r = 0; r < reps; r++) { // interleaved, so load changes hit both alike
                rates[r] = rate(inDouble, block.size(), seconds);
                floatRates[r] = rate(inFloat, block.size(), seconds);
            }
            double examplesPerSecond = Stats.median(rates);
            double floatExamplesPerSecond = Stats.median(floatRates);
            cases.add(new Case(blockSize, examplesPerSecond, examplesPerSecond * flops / 1e9, floatExamplesPerSecond,
                    floatExamplesPerSecond * flops / 1e9));
        }
        return cases;
    }

    /** Examples/s of whole passes over the block in {@code order} for about {@code seconds}. */
    private static double rate(Runnable pass, int examplesPerPass, double seconds) {
        long limit = (long) (seconds * 1e9);
        long begin = System.nanoTime();
        long examples = 0;
        do {
            pass.run();
            examples += examplesPerPass;
        } while (System.nanoTime() - begin < limit);
        return examples / ((System.nanoTime() - begin) / 1e9);
    }

    /** m examples with features uniform in [0, 1) (MNIST's scaled range) and random one-hot targets. */
    static Examples randomBlock(NetworkSpec spec, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = spec.inputSize();
        int k = spec.outputSize();
        double[] features = random.doubles((long) n * m).toArray();
        double[] targets = new double[k * m];
        for (int c = 0; c < m; c++) {
            targets[c * k + random.nextInt(k)] = 1.0;
        }
        return new Examples(n, k, m, features, targets);
    }

    /** A seeded permutation of 0..m-1, as a task's epoch order is. */
    static int[] shuffledOrder(int m, long seed) {
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
