package dev.sparkprop.bench;

import java.util.List;

/**
 * How much work each part of the benchmark does. {@link #tiny()} proves the harness in well under
 * a minute on the first rows of MNIST; {@link #full()} is the measured run on the whole data set.
 *
 * @param name {@code tiny}, {@code full} or a test's own
 * @param trainRows training rows taken from the start of the train file; 0 = all
 * @param testRows test rows taken from the start of the test file; 0 = all
 * @param epochs epochs of every time-to-accuracy config; 0 = each config's own
 * @param mllibIterations MLlib's L-BFGS iteration limit (its default fit: 100)
 * @param passes full-batch passes timed per pass-rate measurement
 * @param steps minibatch steps of the per-step overhead and heap-growth run
 * @param jobReps repetitions of each bare job in the aggregation/broadcast breakdown
 * @param gemmSeconds seconds of one timed DGEMM or kernel repetition
 * @param reps timed repetitions per DGEMM or kernel case (the median is reported)
 * @param blockSizes block sizes of the kernel benchmark
 * @param accuracySeeds seeds 1..N at which each config with a float twin runs beside it, for row 7a
 *        (seed 1 is the config's own run; 2..N run after the configs)
 */
public record BenchSize(String name, int trainRows, int testRows, int epochs, int mllibIterations, int passes,
                        int steps, int jobReps, double gemmSeconds, int reps, List<Integer> blockSizes,
                        int accuracySeeds) {

    /** Checks the counts; a zero where one is needed is quoted. */
    public BenchSize {
        if (trainRows < 0 || testRows < 0 || epochs < 0) {
            throw new IllegalArgumentException("size " + name + ": rows and epochs must be >= 0; got "
                    + trainRows + ", " + testRows + ", " + epochs);
        }
        if (mllibIterations < 1 || passes < 2 || steps < 10 || jobReps < 1 || reps < 1 || gemmSeconds <= 0
                || accuracySeeds < 1) {
            throw new IllegalArgumentException("size " + name + ": needs mllibIterations >= 1, passes >= 2,"
                    + " steps >= 10, jobReps >= 1, reps >= 1, gemmSeconds > 0 and accuracySeeds >= 1");
        }
        blockSizes = List.copyOf(blockSizes);
    }

    /** The first 2,000 training and 500 test rows, two epochs, short timings, two seeds. */
    public static BenchSize tiny() {
        return new BenchSize("tiny", 2_000, 500, 2, 10, 5, 100, 10, 0.1, 3, List.of(64, 256, 1024), 2);
    }

    /**
     * All 60,000 + 10,000 rows, each config's own epochs, MLlib's default 100 iterations, 1,000 steps,
     * five seeds: one float and one double run of {@code best} end up to 0.16 point apart, as two
     * seeds do, so row 7a compares the means over five seeds.
     */
    public static BenchSize full() {
        return new BenchSize("full", 0, 0, 0, 100, 10, 1_000, 50, 1.0, 5, List.of(64, 256, 1024), 5);
    }

    /** {@link #tiny()} or {@link #full()} by name. */
    public static BenchSize named(String name) {
        return switch (name) {
            case "tiny" -> tiny();
            case "full" -> full();
            default -> throw new IllegalArgumentException("size '" + name + "': choose tiny or full");
        };
    }
}
