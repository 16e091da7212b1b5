package dev.sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The performance targets, judged from one run's measurements (ratios within the run,
 * so a slower machine moves both sides). A target whose inputs were skipped is "not measured".
 */
public final class Targets {

    /** Heap retained after GC may grow by at most this much over the overhead run's steps. */
    static final double HEAP_GROWTH_LIMIT_MB = 8;

    /**
     * One target.
     *
     * @param id the number (6a, 6b for the two memory checks)
     * @param what the target in words
     * @param measured what the run measured, with the ratio
     * @param goal the bound
     * @param met true, false, or null when not measured
     */
    public record Target(String id, String what, String measured, String goal, Boolean met) {

        /** "met", "not met" or "not measured". */
        public String verdict() {
            return met == null ? "not measured" : met ? "met" : "not met";
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", id);
            map.put("what", what);
            map.put("measured", measured);
            map.put("goal", goal);
            map.put("met", met);
            return map;
        }
    }

    private Targets() {
    }

    /** Every target, in the order. */
    public static List<Target> judge(BenchResults r) {
        List<Target> targets = new ArrayList<>();
        targets.add(compute(r));
        targets.add(perPass(r));
        targets.addAll(toAccuracy(r));
        targets.addAll(overhead(r));
        targets.add(scaling(r));
        targets.addAll(memory(r));
        targets.add(singlePrecision(r));
        targets.add(floatAccuracy(r.configs(), r.seedRuns(), r.size().accuracySeeds()));
        targets.add(freshMachine(r));
        targets.add(sparse(r.sparse()));
        targets.add(againstSklearn(r));
        targets.add(livePage(r));
        return targets;
    }

    /**
     * 9: sparse blocks against dense ones on the 1%-dense projection (full-batch passes in local[2],
     * interleaved; the one-core kernel beside them) and their cached bytes; MLlib's MLPC at the
     * full width, shown infeasible by its block memory against this JVM's heap.
     */
    static Target sparse(Map<String, Object> s) {
        double sparse = number(s, "sparse_examples_per_second");
        double dense = number(s, "dense_examples_per_second");
        double ratio = sparse / dense;
        @SuppressWarnings("unchecked")
        Map<String, Object> mllib = (Map<String, Object>) s.get("mllib_full_width");
        double mllibBytes = number(mllib, "cached_bytes");
        boolean infeasible = mllibBytes > number(mllib, "max_heap_bytes");
        String measured = fmt("%s, %,d rows: sparse / dense passes %,.0f / %,.0f ex/s = %.2fx (median pass %.3f / %.3f s,"
                + " slowest task's compute %.3f / %.3f s); one-core kernel"
                + " %,.0f / %,.0f ex/s = %.2fx; stored %,.0f / %,.0f bytes = %.3f; MLlib MLPC at 2^18 features:"
                + " %d x 262,144 doubles = %.0f MB a block, %,.0f blocks = %.1f GB cached vs %.1f GB heap: %s",
                s.get("network"), ((Number) s.get("rows")).longValue(), sparse, dense, ratio,
                number(s, "sparse_pass_seconds_median"), number(s, "dense_pass_seconds_median"),
                number(s, "sparse_slowest_compute_seconds_median"), number(s, "dense_slowest_compute_seconds_median"),
                number(s, "kernel_sparse_examples_per_second"), number(s, "kernel_dense_examples_per_second"),
                number(s, "kernel_sparse_examples_per_second") / number(s, "kernel_dense_examples_per_second"),
                number(s, "sparse_stored_bytes"), number(s, "dense_stored_bytes"),
                number(s, "sparse_stored_bytes") / number(s, "dense_stored_bytes"),
                ((Number) mllib.get("block_rows")).intValue(), number(mllib, "block_bytes") / 1e6,
                number(mllib, "blocks"), mllibBytes / 1e9, number(mllib, "max_heap_bytes") / 1e9,
                infeasible ? "infeasible" : "would fit");
        return new Target("9", "sparse features: sparse vs dense blocks at 1% density (examples/s, cached bytes);"
                + " MLlib MLPC at full width", measured, ">= 5x; MLPC infeasible", ratio >= 5 && infeasible);
    }

    /** 8: the bundled OpenBLAS (what a machine with nothing installed loads) against the system's. */
    private static Target freshMachine(BenchResults r) {
        String what = "fresh machine: bundled OpenBLAS vs system OpenBLAS, one-core DGEMM and mnist-fast ex/s";
        Map<String, Object> bundled = blasOption(r, "bundled");
        if (bundled == null || !bundled.containsKey("dgemm_ratio")) {
            return new Target("8", what, "needs the system and bundled BLAS options", ">= 0.90 both", null);
        }
        double dgemm = (double) bundled.get("dgemm_ratio");
        double examples = (double) bundled.get("examples_ratio");
        Map<String, Object> java = blasOption(r, "java");
        String fallback = java == null || !java.containsKey("dgemm_ratio") ? ""
                : fmt(" (Java BLAS: %.2f, %.2f)", (double) java.get("dgemm_ratio"), (double) java.get("examples_ratio"));
        return new Target("8", what, fmt("DGEMM %.2f, mnist-fast %.2f%s", dgemm, examples, fallback), ">= 0.90 both",
                dgemm >= 0.90 && examples >= 0.90);
    }

    private static Map<String, Object> blasOption(BenchResults r, String name) {
        return r.blas().stream().filter(row -> name.equals(row.get("option"))).findFirst().orElse(null);
    }

    private static Target compute(BenchResults r) {
        List<String> parts = new ArrayList<>();
        double worst = Double.POSITIVE_INFINITY;
        for (KernelBench.Case kernel : r.kernel()) {
            DgemmBench.Case gemm = r.dgemm(256, kernel.blockSize(), 785, 1);
            if (kernel.blockSize() < 256 || gemm == null) {
                continue;
            }
            double ratio = kernel.gflops() / gemm.gflops();
            worst = Math.min(worst, ratio);
            parts.add(fmt("B=%d: %.1f / %.1f GFLOP/s = %.2f", kernel.blockSize(), kernel.gflops(), gemm.gflops(), ratio));
        }
        Boolean met = parts.isEmpty() ? null : worst >= 0.70;
        return new Target("1", "forward+backward on one core vs 1-thread DGEMM (256 x B x 785), B >= 256",
                parts.isEmpty() ? "no block size >= 256" : String.join("; ", parts), ">= 0.70", met);
    }

    /**
     * precision = float: its full-batch rate against MLlib's passes and sparkprop's double ones
     * (same session), with the float kernel's one-core rate against the double kernel's (timed
     * interleaved) and the cached bytes, float against double.
     */
    private static Target singlePrecision(BenchResults r) {
        double inFloat = r.passesTwoFloat().examplesPerSecond();
        double inDouble = r.passesTwo().examplesPerSecond();
        List<String> parts = new ArrayList<>();
        Boolean met = inFloat / inDouble >= 1.7;
        if (r.mllib() != null) {
            double mllib = number(r.mllib(), "examples_per_second");
            parts.add(fmt("float %,.0f / MLlib %,.0f ex/s = %.2fx", inFloat, mllib, inFloat / mllib));
            met = met && inFloat / mllib >= 1.5;
        }
        parts.add(fmt("float / double passes %,.0f / %,.0f ex/s = %.2fx", inFloat, inDouble, inFloat / inDouble));
        for (KernelBench.Case kernel : r.kernel()) {
            parts.add(fmt("kernel B=%d float / double %.1f / %.1f GFLOP/s = %.2fx", kernel.blockSize(),
                    kernel.floatGflops(), kernel.gflops(), kernel.floatGflops() / kernel.gflops()));
        }
        Object floatBytes = r.cachedFloat().get("cached_bytes");
        Object doubleBytes = r.cached().get("cached_bytes");
        if (floatBytes instanceof Number f && doubleBytes instanceof Number d) {
            parts.add(fmt("cached %,d / %,d bytes = %.3f", f.longValue(), d.longValue(),
                    f.doubleValue() / d.doubleValue()));
        }
        return new Target("7", "single precision (precision = float), full-batch passes, local[2]",
                String.join("; ", parts), ">= 1.5x MLlib and >= 1.7x double", met);
    }

    /**
     * 7a: MNIST test accuracy with {@code precision = float} against double, each config beside its
     * float twin at seeds 1..N, compared by their means. One pair alone does not measure precision:
     * the float run starts every step from the previous one's rounded result, and after thousands of
     * steps it ends as far from the double run as another seed would (measured: single pairs of
     * {@code best} 0.09 point below to 0.16 above), so the seeds' spread is in the row too.
     */
    static Target floatAccuracy(List<Map<String, Object>> configs, List<Map<String, Object>> seedRuns, int seeds) {
        String what = "MNIST test accuracy, precision = float vs double: each config and its float twin at seeds"
                + " 1.." + seeds + ", means";
        List<String> parts = new ArrayList<>();
        Boolean met = null;
        for (Map.Entry<String, String> twins : SparkpropBench.FLOAT_TWINS) {
            double[] inDouble = accuracies(configs, seedRuns, twins.getKey());
            double[] inFloat = accuracies(configs, seedRuns, twins.getValue());
            if (inDouble.length == 0 || inDouble.length != inFloat.length) {
                continue;
            }
            double gap = (Stats.mean(inFloat) - Stats.mean(inDouble)) * 100;
            double widest = 0;
            for (int s = 0; s < inDouble.length; s++) {
                widest = Math.max(widest, Math.abs(inFloat[s] - inDouble[s]) * 100);
            }
            parts.add(fmt("%s: float %s (mean %.4f) / double %s (mean %.4f) = %+.2f point; one seed's pair up to"
                            + " %.2f apart, double's seeds span %.2f", twins.getKey(), joined(inFloat, "%.4f"),
                    Stats.mean(inFloat), joined(inDouble, "%.4f"), Stats.mean(inDouble), gap, widest, span(inDouble)));
            met = (met == null || met) && Math.abs(gap) <= 0.1;
        }
        String measured = parts.isEmpty() ? "no config ran beside its float twin" : String.join("; ", parts);
        return new Target("7a", what, measured, "within 0.1 point", met);
    }

    /** The test accuracies of {@code name}'s runs: its run among the configs (seed 1), then seeds 2..N. */
    private static double[] accuracies(List<Map<String, Object>> configs, List<Map<String, Object>> seedRuns,
                                       String name) {
        return Stream.concat(configs.stream().filter(run -> name.equals(run.get("name"))).limit(1),
                        seedRuns.stream().filter(run -> name.equals(run.get("name"))))
                .mapToDouble(run -> number(run, "test_accuracy")).toArray();
    }

    /** max - min of {@code values}, in points. */
    private static double span(double[] values) {
        return (Arrays.stream(values).max().orElse(0) - Arrays.stream(values).min().orElse(0)) * 100;
    }

    private static Target perPass(BenchResults r) {
        double ours = r.passesTwo().examplesPerSecond();
        if (r.mllib() == null) {
            return new Target("2", "full-batch examples/s vs MLlib", fmt("sparkprop %,.0f ex/s; MLlib skipped", ours),
                    ">= 1.5x", null);
        }
        double theirs = number(r.mllib(), "examples_per_second");
        double ratio = ours / theirs;
        return new Target("2", "full-batch examples/s vs MLlib L-BFGS's passes (local[2], 2 partitions, median pass)",
                fmt("%,.0f / %,.0f ex/s = %.2fx", ours, theirs, ratio), ">= 1.5x", ratio >= 1.5);
    }

    private static List<Target> toAccuracy(BenchResults r) {
        Map.Entry<String, Double> at97 = fastest(r, "0.97");
        Map.Entry<String, Double> at98 = fastest(r, "0.98");
        List<Target> targets = new ArrayList<>();
        String reached = at97 == null ? "97% not reached" : fmt("%s: 97%% in %.1f s", at97.getKey(), at97.getValue());
        if (r.mllib() == null || at97 == null) {
            targets.add(new Target("3", "time to 97% vs MLlib's default fit", reached + (r.mllib() == null
                    ? "; MLlib skipped" : ""), "<= 0.20x", r.mllib() == null ? null : false));
        } else {
            double fit = number(r.mllib(), "fit_s");
            double ratio = at97.getValue() / fit;
            targets.add(new Target("3", "time to 97% vs MLlib's default fit (" + r.mllib().get("iterations")
                    + " L-BFGS iterations, test acc " + r.mllib().get("test_accuracy") + ")",
                    reached + fmt(" / MLlib %.1f s = %.3fx", fit, ratio), "<= 0.20x", ratio <= 0.20));
        }
        targets.add(new Target("3m", "moonshot: 97% in <= 6 s, 98% in <= 16 s of training",
                reached + "; " + (at98 == null ? "98% not reached" : fmt("%s: 98%% in %.1f s", at98.getKey(),
                        at98.getValue())), "<= 6 s / <= 16 s",
                at97 != null && at98 != null && at97.getValue() <= 6 && at98.getValue() <= 16));
        return targets;
    }

    /**
     * Step 11's: sparkprop's fastest config reaches 97% and 98% test accuracy in no more training
     * seconds than scikit-learn's {@code MLPClassifier} in the same run.
     */
    private static Target againstSklearn(BenchResults r) {
        String what = "time to 97% and 98% vs scikit-learn's MLPClassifier (training seconds)";
        if (r.sklearn() == null || !(r.sklearn().get("time_to") instanceof Map<?, ?> theirs)) {
            return new Target("10", what, "scikit-learn not run", "<= 1.0x both", null);
        }
        List<String> parts = new ArrayList<>();
        boolean met = true;
        for (String threshold : List.of("0.97", "0.98")) {
            Map.Entry<String, Double> ours = fastest(r, threshold);
            String percent = threshold.substring(2) + "%";
            if (ours == null || !(theirs.get(threshold) instanceof Map<?, ?> hit)) {
                parts.add(percent + ": " + (ours == null ? "sparkprop" : "scikit-learn") + " did not reach it");
                met = false;
                continue;
            }
            double sklearn = ((Number) hit.get("seconds")).doubleValue();
            double ratio = ours.getValue() / sklearn;
            parts.add(fmt("%s: %s %.1f s / %.1f s = %.2fx", percent, ours.getKey(), ours.getValue(), sklearn, ratio));
            met &= ratio <= 1.0;
        }
        return new Target("10", what, String.join("; ", parts), "<= 1.0x both", met);
    }

    /**
     * Step 13's: training with the live page open and read twice a second ({@code fast-ui}) against
     * without it ({@code fast}), examples/s over all the runs of each (the default order, fast,
     * fast-ui, fast-ui, fast twice over, evens out the warming JIT and the machine's drift; an
     * uncounted one-epoch fast-ui before them warms the page's code, as the configs before them
     * warm the training code).
     */
    private static Target livePage(BenchResults r) {
        double[] plain = examplesPerSecond(r, "fast");
        double[] page = examplesPerSecond(r, "fast-ui");
        String what = "training with the live page open vs without (fast-ui / fast, examples/s)";
        if (plain.length == 0 || page.length == 0) {
            return new Target("11", what, "fast and fast-ui not both run", ">= 0.98", null);
        }
        double ratio = Stats.mean(page) / Stats.mean(plain);
        return new Target("11", what, fmt("%s / %s ex/s (means %,.0f / %,.0f) = %.3f", joined(page, "%,.0f"),
                joined(plain, "%,.0f"),
                Stats.mean(page), Stats.mean(plain), ratio), ">= 0.98", ratio >= 0.98);
    }

    private static double[] examplesPerSecond(BenchResults r, String name) {
        return r.configs().stream().filter(config -> name.equals(config.get("name")))
                .mapToDouble(config -> number(config, "examples_per_second")).toArray();
    }

    /** {@code values}, each in {@code format}, joined by commas. */
    private static String joined(double[] values, String format) {
        List<String> each = new ArrayList<>();
        for (double value : values) {
            each.add(fmt(format, value));
        }
        return String.join(", ", each);
    }

    /** The config that reached {@code threshold} first, and its training seconds; null if none did. */
    private static Map.Entry<String, Double> fastest(BenchResults r, String threshold) {
        Map.Entry<String, Double> best = null;
        for (Map<String, Object> config : r.configs()) {
            if (((Map<?, ?>) config.get("time_to")).get(threshold) instanceof Map<?, ?> hit) {
                double seconds = ((Number) hit.get("seconds")).doubleValue();
                if (best == null || seconds < best.getValue()) {
                    best = Map.entry((String) config.get("name"), seconds);
                }
            }
        }
        return best;
    }

    private static List<Target> overhead(BenchResults r) {
        double median = number(r.overhead(), "overhead_ms_median");
        String measured = fmt("median %.1f ms (step %.1f ms, slowest compute %.1f ms); aggregation %.1f ms,"
                        + " broadcast %.1f ms (bare jobs), broadcast creation %.2f ms/step", median,
                number(r.overhead(), "step_ms_median"), number(r.overhead(), "slowest_compute_ms_median"),
                number(r.jobs(), "aggregation_ms"), number(r.jobs(), "broadcast_ms"),
                number(r.overhead(), "broadcast_ms_median"));
        return List.of(
                new Target("4", "per-step overhead (step wall - slowest partition compute), local[2], batch "
                        + StepBench.BATCH, measured, "<= 20 ms", median <= 20),
                new Target("4m", "moonshot per-step overhead", fmt("median %.1f ms", median), "<= 10 ms",
                        median <= 10));
    }

    private static Target scaling(BenchResults r) {
        DgemmBench.Case one = r.dgemm(256, 256, 785, 1);
        DgemmBench.Case two = r.dgemm(256, 256, 785, 2);
        double ours = r.passesTwo().examplesPerSecond() / r.passesOne().examplesPerSecond();
        if (one == null || two == null) {
            return new Target("5", "local[2] vs local[1] examples/s", fmt("%.2fx; no DGEMM 256x256x785", ours),
                    ">= 0.8 of DGEMM's", null);
        }
        double gemm = two.gflops() / one.gflops();
        double ratio = ours / gemm;
        return new Target("5", "local[2] / local[1] full-batch examples/s vs DGEMM 2-thread / 1-thread",
                fmt("%.2fx / %.2fx = %.2f", ours, gemm, ratio), ">= 0.80", ratio >= 0.8);
    }

    private static List<Target> memory(BenchResults r) {
        Object ratio = r.cached().get("ratio");
        double growth = number(r.overhead(), "heap_growth_mb");
        return List.of(
                new Target("6a", "cached training blocks vs the data's dense size (784 + 10 doubles a row)",
                        ratio == null ? "blocks not found in storage" : fmt("%,d / %,d bytes = %.3f",
                                (Long) r.cached().get("cached_bytes"), (Long) r.cached().get("dense_bytes"),
                                ((Number) ratio).doubleValue()), "<= 1.2",
                        ratio == null ? null : ((Number) ratio).doubleValue() <= 1.2),
                new Target("6b", "heap retained after GC across " + r.overhead().get("heap_growth_steps") + " steps",
                        fmt("%+.1f MB (%.1f -> %.1f MB)", growth, number(r.overhead(), "heap_retained_mb_after_warmup"),
                                number(r.overhead(), "heap_retained_mb_at_end")),
                        fmt("<= %.0f MB", HEAP_GROWTH_LIMIT_MB), growth <= HEAP_GROWTH_LIMIT_MB));
    }

    static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
