package dev.sparkprop.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, in the order it ran. Maps are the JSON objects the
 * parts produced; {@code null} marks a part that was skipped (MLlib, scikit-learn).
 *
 * @param size the size it ran at
 * @param environment Java, cores, BLAS, heap limit, load averages
 * @param dgemm raw DGEMM rates, 1 and 2 threads
 * @param sgemm SGEMM's one-core rates on the DGEMM shapes, by {@code m x n x k}
 * @param kernel the forward+backward kernel per block size, one core, double and float
 * @param blas each BLAS option in its own JVM: one-core DGEMM and mnist-fast examples/s ({@link BlasBench})
 * @param cached the cached training blocks against the data's dense size
 * @param cachedFloat the same blocks cached with {@code precision = float}
 * @param passesTwo full-batch passes in local[2] (2 partitions)
 * @param passesTwoFloat the same passes with {@code precision = float}, right after them
 * @param passesOne full-batch passes in local[1] (1 partition)
 * @param overhead per-step overhead and heap growth of minibatch steps in local[2]
 * @param jobs bare-job breakdown: scheduling, aggregation, broadcast
 * @param sparse sparse blocks against dense ones on a 1%-dense projection, and MLlib's block memory at full width
 * @param configs sparkprop's time-to-accuracy runs
 * @param seedRuns the configs with a float twin, and the twins, again at seeds 2..N (each map has its {@code seed})
 * @param mllib MLlib's default fit (L-BFGS; every Spark job of it is one full pass)
 * @param sklearn scikit-learn's run, or a map with {@code error}/{@code skipped}
 */
public record BenchResults(BenchSize size, Map<String, Object> environment, List<DgemmBench.Case> dgemm,
                           Map<String, Object> sgemm, List<KernelBench.Case> kernel, List<Map<String, Object>> blas,
                           Map<String, Object> cached, Map<String, Object> cachedFloat, PassBench.Passes passesTwo,
                           PassBench.Passes passesTwoFloat, PassBench.Passes passesOne, Map<String, Object> overhead,
                           Map<String, Object> jobs, Map<String, Object> sparse,
                           List<Map<String, Object>> configs, List<Map<String, Object>> seedRuns,
                           Map<String, Object> mllib,
                           Map<String, Object> sklearn) {

    /** The 1- or 2-thread DGEMM case of {@code m x n x k}, or null when it was not measured. */
    public DgemmBench.Case dgemm(int m, int n, int k, int threads) {
        return dgemm.stream().filter(c -> c.m() == m && c.n() == n && c.k() == k && c.threads() == threads)
                .findFirst().orElse(null);
    }

    /** The whole run as one JSON-ready map (targets not included). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("size", size.name());
        map.put("environment", environment);
        map.put("dgemm", dgemm.stream().map(DgemmBench.Case::toMap).toList());
        map.put("sgemm_one_core", sgemm);
        map.put("kernel", kernel.stream().map(KernelBench.Case::toMap).toList());
        map.put("blas_options", blas);
        map.put("cached_blocks", cached);
        map.put("cached_blocks_float", cachedFloat);
        map.put("full_batch_local2", passesTwo.toMap());
        map.put("full_batch_local2_float", passesTwoFloat.toMap());
        map.put("full_batch_local1", passesOne.toMap());
        map.put("step_overhead", overhead);
        map.put("job_breakdown", jobs);
        map.put("sparse", sparse);
        map.put("sparkprop", configs);
        map.put("sparkprop_seeds", seedRuns);
        map.put("mllib", mllib);
        map.put("sklearn", sklearn);
        return map;
    }
}
