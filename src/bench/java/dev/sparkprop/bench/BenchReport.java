package dev.sparkprop.bench;

import static dev.sparkprop.bench.Targets.fmt;
import static dev.sparkprop.bench.Targets.number;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's results as Markdown tables (for the terminal and the README) and as one JSON file. */
public final class BenchReport {

    private BenchReport() {
    }

    /** Writes the results and the judged targets to {@code file} as indented JSON; returns the map written. */
    public static Map<String, Object> writeJson(BenchResults results, List<Targets.Target> targets, Path file)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("targets", targets.stream().map(Targets.Target::toMap).toList());
        json.putAll(results.toMap());
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        return json;
    }

    /** The tables: targets, time to accuracy, per pass, compute, step overhead. */
    public static String markdown(BenchResults r, List<Targets.Target> targets) {
        Map<String, Object> env = r.environment();
        StringBuilder md = new StringBuilder();
        md.append(fmt("Benchmark, size %s: %s, %s cores; %s BLAS%s; Java %s, Spark %s, heap %s MB;"
                        + " load average %s -> %s%n%n", r.size().name(), env.get("cpu"), env.get("cores"),
                env.get("blas"), env.get("OPENBLAS_CORETYPE") == null ? "" : " (" + env.get("OPENBLAS_CORETYPE") + ")",
                env.get("java"), env.get("spark"), env.get("max_heap_mb"), env.get("load_average_before"),
                env.get("load_average_after")));
        md.append("| # | target | measured | goal | verdict |\n|---|---|---|---|---|\n");
        for (Targets.Target t : targets) {
            md.append(fmt("| %s | %s | %s | %s | %s |%n", t.id(), t.what(), t.measured(), t.goal(), t.verdict()));
        }
        appendAccuracy(md, r);
        appendPasses(md, r);
        appendCompute(md, r);
        appendSteps(md, r);
        return md.toString();
    }

    private static void appendAccuracy(StringBuilder md, BenchResults r) {
        md.append("\nTime to test accuracy (training seconds; loading and evaluation excluded):\n\n");
        md.append("| run | network | solver, batch | epochs | ex/s per pass | 95% | 97% | 98% | final test acc"
                + " | ms/step: job, compute (all tasks), slowest task, broadcast, update | peak heap MB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> c : r.configs()) {
            Map<?, ?> split = (Map<?, ?>) c.get("step_split");
            md.append(fmt("| sparkprop %s | %s | %s, %s | %s | %s | %s | %s | %s | %s | %s, %s, %s, %s, %s | %s |%n",
                    c.get("name"), c.get("network"), c.get("optimizer"), batch(c.get("batch_size")), c.get("epochs"),
                    c.get("examples_per_second"), reach(c, "0.95"), reach(c, "0.97"), reach(c, "0.98"),
                    c.get("test_accuracy"), split.get("step_jobs_ms_per_step"), split.get("compute_ms_per_step"),
                    split.get("slowest_compute_ms_per_step"), split.get("broadcast_ms_per_step"),
                    split.get("update_ms_per_step"), c.get("peak_heap_mb")));
        }
        Map<String, Object> m = r.mllib();
        if (m != null) {
            md.append(fmt("| MLlib | 784-256-128-10 sigmoid, softmax | %s, full | %s it | %s | | | | %s (fit %.1f s)"
                            + " | | %s |%n", m.get("solver"), m.get("iterations"), m.get("examples_per_second"),
                    m.get("test_accuracy"), number(m, "fit_s"), m.get("peak_heap_mb")));
        }
        Map<String, Object> sk = r.sklearn();
        if (sk != null && sk.containsKey("curve")) {
            md.append(fmt("| scikit-learn | %s | adam, 256 | %s | %s | %s | %s | %s | %s | | |%n", sk.get("network"),
                    sk.get("epochs"), sk.get("examples_per_second"), reach(sk, "0.95"), reach(sk, "0.97"),
                    reach(sk, "0.98"), sk.get("test_accuracy")));
        } else if (sk != null) {
            md.append(fmt("| scikit-learn | %s | | | | | | | | | |%n", sk.values()));
        }
    }

    private static void appendPasses(StringBuilder md, BenchResults r) {
        md.append("\nFull-batch passes, ").append(PassBench.MLLIB_NETWORK).append(":\n\n");
        md.append("| run | master | partitions | median pass s | ex/s (median pass) | ex/s (all passes) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (PassBench.Passes p : List.of(r.passesTwo(), r.passesTwoFloat(), r.passesOne())) {
            Map<String, Object> pass = p.toMap();
            md.append(fmt("| sparkprop%s | %s | %s | %s | %s | %s |%n", p == r.passesTwoFloat() ? " float" : "",
                    pass.get("master"), pass.get("partitions"),
                    pass.get("pass_seconds_median"), pass.get("examples_per_second"),
                    pass.get("examples_per_second_all_passes")));
        }
        Map<String, Object> m = r.mllib();
        if (m != null) {
            md.append(fmt("| MLlib l-bfgs (%s jobs, %s iterations) | local[2] | %s | %s | %s | %s"
                            + " (fit: rows x iterations / s) |%n", m.get("fit_jobs"), m.get("iterations"),
                    m.get("partitions"), m.get("pass_seconds_median"), m.get("examples_per_second"),
                    m.get("samples_per_s")));
        }
    }

    private static void appendCompute(StringBuilder md, BenchResults r) {
        md.append("\nCompute (GFLOP/s; kernel flops per example as the peer counts them: 2W + 2W + 2(W - W1)):\n\n");
        md.append("| case | 1 thread | 2 threads |\n|---|---|---|\n");
        for (int i = 0; i + 1 < r.dgemm().size(); i += 2) {
            DgemmBench.Case one = r.dgemm().get(i);
            md.append(fmt("| DGEMM %s | %.1f | %.1f |%n", one.shape(), one.gflops(), r.dgemm().get(i + 1).gflops()));
        }
        r.sgemm().forEach((shape, gflops) -> md.append(fmt("| SGEMM %s | %s | |%n", shape, gflops)));
        for (KernelBench.Case k : r.kernel()) {
            md.append(fmt("| kernel B=%d (%,.0f ex/s) | %.1f | |%n", k.blockSize(), k.examplesPerSecond(), k.gflops()));
            md.append(fmt("| float kernel B=%d (%,.0f ex/s) | %.1f | |%n", k.blockSize(), k.floatExamplesPerSecond(),
                    k.floatGflops()));
        }
        md.append(fmt("%nCached training blocks: double %s, float %s (bytes).%n", r.cached().get("cached_bytes"),
                r.cachedFloat().get("cached_bytes")));
    }

    private static void appendSteps(StringBuilder md, BenchResults r) {
        Map<String, Object> o = r.overhead();
        Map<String, Object> j = r.jobs();
        md.append(fmt("%nSteps (local[2], batch %s, %s steps; medians, ms): step %s, slowest compute %s, overhead %s,"
                        + " job %s, broadcast creation %s, update %s. Bare jobs: empty %s, with a Δ per task %s"
                        + " (aggregation %s), reading a Θ broadcast %s (broadcast %s). Heap after GC %s -> %s MB.%n",
                o.get("batch_size"), o.get("steps"), o.get("step_ms_median"), o.get("slowest_compute_ms_median"),
                o.get("overhead_ms_median"), o.get("job_ms_median"), o.get("broadcast_ms_median"),
                o.get("update_ms_median"), j.get("empty_job_ms"), j.get("delta_job_ms"), j.get("aggregation_ms"),
                j.get("broadcast_job_ms"), j.get("broadcast_ms"), o.get("heap_retained_mb_after_warmup"),
                o.get("heap_retained_mb_at_end")));
    }

    private static String batch(Object size) {
        return Integer.valueOf(0).equals(size) ? "full" : String.valueOf(size);
    }

    /** "12.3 s (ep 3)" for a reached threshold, "-" otherwise. */
    private static String reach(Map<String, Object> run, String threshold) {
        Object hit = ((Map<?, ?>) run.get("time_to")).get(threshold);
        if (hit instanceof Map<?, ?> point) {
            return fmt("%.1f s (ep %s)", ((Number) point.get("seconds")).doubleValue(), point.get("epoch"));
        }
        return "-";
    }
}
