package dev.sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark at a toy size on the shared local[2] session (its "local[1]" part runs one
 * partition there), so the harness cannot rot. It checks that every part ran and wrote sane
 * values, never how fast anything was.
 */
class BenchSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** Hands out the shared session for every master and never stops it. */
    private static final class SharedSessions implements BenchRun.Sessions {
        @Override
        public SparkSession open(String master) {
            return SharedSpark.session();
        }

        @Override
        public void close(SparkSession session) {
        }
    }

    @Test
    void everyPartRunsAndTheJsonHasEveryField() throws Exception {
        BenchSize size = new BenchSize("smoke", 300, 100, 1, 2, 2, 20, 1, 0.02, 1, List.of(64, 256), 2);
        BenchRun run = new BenchRun(size, Path.of("sample-data/mnist"), work, Path.of("conf"),
                List.of("sigmoid-adam", "fast", "fast-ui", "fast-float"), List.of("system", "bundled"), true, null,
                System.out);

        BenchResults results = run.run(new SharedSessions());
        List<Targets.Target> targets = Targets.judge(results);
        Path file = work.resolve("bench.json");
        BenchReport.writeJson(results, targets, file);
        JsonNode json = JSON.readTree(file.toFile());

        List<String> ids = new ArrayList<>();
        json.get("targets").forEach(target -> ids.add(target.get("id").asText()));
        assertEquals(List.of("1", "2", "3", "3m", "4", "4m", "5", "6a", "6b", "7", "7a", "8", "9", "10", "11"),
                ids);
        boolean systemBlas = !json.get("blas_options").get(0).has("skipped");
        for (JsonNode target : json.get("targets")) {
            String id = target.get("id").asText();
            boolean measured = !target.get("met").isNull();
            // 8 needs the system's BLAS; 10 scikit-learn, which the smoke run skips.
            assertEquals((systemBlas || !id.equals("8")) && !id.equals("10"), measured, target.toString());
        }
        json.get("dgemm").forEach(gemm -> assertTrue(gemm.get("gflops").asDouble() > 0, gemm.toString()));
        assertEquals(6, json.get("dgemm").size()); // 2 block sizes + 256³, 1 and 2 threads
        json.get("kernel").forEach(kernel -> assertTrue(kernel.get("gflops").asDouble() > 0, kernel.toString()));

        JsonNode blas = json.get("blas_options");
        assertEquals(2, blas.size(), blas.toString());
        JsonNode bundled = blas.get(1);
        assertEquals("bundled", bundled.get("option").asText());
        assertTrue(bundled.get("library").asText().startsWith("bundled OpenBLAS"), bundled.toString());
        assertTrue(bundled.get("dgemm_gflops").asDouble() > 0 && bundled.get("examples_per_second").asDouble() > 0,
                bundled.toString());
        if (!blas.get(0).has("skipped")) { // the machine has a libblas.so.3: the ratios are to it
            assertEquals(1.0, blas.get(0).get("dgemm_ratio").asDouble(), 0.0);
            assertTrue(bundled.get("examples_ratio").asDouble() > 0, bundled.toString());
        }

        JsonNode cached = json.get("cached_blocks");
        assertTrue(cached.get("ratio").asDouble() > 0.5, cached.toString());
        assertEquals(300 * (784 + 10) * 8, cached.get("dense_bytes").asLong());
        JsonNode levels = cached.get("storage_levels");
        assertEquals(4, levels.size(), levels.toString());
        for (JsonNode level : levels) {
            boolean diskOnly = level.get("storage_level").asText().equals("DISK_ONLY");
            assertEquals(diskOnly, level.get("memory_bytes").asLong() == 0, level.toString());
            assertEquals(diskOnly, level.get("disk_bytes").asLong() > 0, level.toString());
            assertTrue(level.get("examples_per_second").asDouble() > 0, level.toString());
        }
        JsonNode sparse = json.get("sparse");
        assertEquals(300, sparse.get("rows").asInt());
        assertTrue(sparse.get("sparse_examples_per_second").asDouble() > 0 && sparse.get("ratio").asDouble() > 0,
                sparse.toString());
        assertTrue(sparse.get("sparse_stored_bytes").asLong() * 10 < sparse.get("dense_stored_bytes").asLong(),
                sparse.toString());
        assertEquals(300L * (4096 + 10) * 8, sparse.get("dense_stored_bytes").asLong());
        JsonNode mlpc = sparse.get("mllib_full_width");
        assertEquals(128L * 262_144 * 8, mlpc.get("block_bytes").asLong(), "268 MB a block");
        assertEquals(295, mlpc.get("blocks").asInt());
                assertEquals(2, json.get("full_batch_local2").get("partitions").asInt());
        assertEquals(1, json.get("full_batch_local1").get("partitions").asInt());
        assertEquals(300, json.get("full_batch_local1").get("examples").asInt());
        assertTrue(json.get("full_batch_local2").get("examples_per_second").asDouble() > 0);
        assertEquals(20, json.get("step_overhead").get("steps").asInt());
        assertTrue(json.get("step_overhead").get("slowest_compute_ms_median").asDouble() > 0);
        assertTrue(json.get("job_breakdown").get("empty_job_ms").asDouble() > 0);

        assertEquals(4, json.get("sparkprop").size());
        // Seed 2 of fast and its float twin, for row 7a; sigmoid-adam and fast-ui have no twin.
        JsonNode seeds = json.get("sparkprop_seeds");
        List<String> seedRuns = new ArrayList<>();
        seeds.forEach(seedRun -> seedRuns.add(seedRun.get("name").asText() + " " + seedRun.get("seed").asInt()));
        assertEquals(List.of("fast 2", "fast-float 2"), seedRuns);
        for (JsonNode config : json.get("sparkprop")) {
            assertEquals(1, config.get("curve").size(), config.toString());
            double accuracy = config.get("curve").get(0).get("test_accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, config.toString());
            assertTrue(config.get("training_seconds").asDouble() > 0);
            assertTrue(config.get("time_to").has("0.97"));
            assertNotNull(config.get("step_split").get("slowest_compute_ms_per_step").numberValue());
        }
        JsonNode mllib = json.get("mllib");
        assertEquals("l-bfgs", mllib.get("solver").asText());
        assertTrue(mllib.get("iterations").asInt() >= 1 && mllib.get("fit_jobs").asInt() >= 1, mllib.toString());
        double mllibAccuracy = mllib.get("test_accuracy").asDouble();
        assertTrue(mllibAccuracy >= 0 && mllibAccuracy <= 1);
        assertEquals("--skip-sklearn", json.get("sklearn").get("skipped").asText());

        String table = BenchReport.markdown(results, targets);
        assertTrue(table.contains("| 6b |") && table.contains("| MLlib |") && table.contains("| bundled | bundled OpenBLAS"),
                table);
    }

    @Test
    void floatAccuracyIsJudgedOnTheMeansOverSeedsNotOnOnePair() {
        // Seed 1's pair is 0.14 point apart, as best / best-float were on one machine; the means are 0.03 apart.
        List<Map<String, Object>> configs = List.of(run("best", 0.9812), run("best-float", 0.9826), run("main", 0.97));
        List<Map<String, Object>> seeds = List.of(run("best", 0.9814), run("best-float", 0.9816),
                run("best", 0.9820), run("best-float", 0.9813));
        Targets.Target target = Targets.floatAccuracy(configs, seeds, 3);
        assertEquals(Boolean.TRUE, target.met(), target.toString());
        assertTrue(target.measured().startsWith("best: float 0.9826, 0.9816, 0.9813 (mean 0.9818) / double 0.9812,"
                + " 0.9814, 0.9820 (mean 0.9815) = +0.03 point; one seed's pair up to 0.14 apart"), target.measured());

        // Float's seeds 2 and 3 lower: its mean 0.9804 is 0.12 point below double's 0.9815, though seed 1 is above.
        List<Map<String, Object>> worse = List.of(run("best", 0.9814), run("best-float", 0.9790),
                run("best", 0.9820), run("best-float", 0.9795));
        Targets.Target lower = Targets.floatAccuracy(configs, worse, 3);
        assertEquals(Boolean.FALSE, lower.met(), lower.toString());
        assertTrue(lower.measured().contains("= -0.12 point"), lower.measured());
        assertNull(Targets.floatAccuracy(List.of(run("main", 0.97)), List.of(), 1).met(), "no twin ran: not measured");
    }

    private static Map<String, Object> run(String name, double testAccuracy) {
        return Map.of("name", name, "test_accuracy", testAccuracy);
    }

    @Test
    void flopsPerExampleAreCountedAsThePeerCountsThem() {
        // 784-256-128-10: W = 234,752 weights, 200,704 of them in the first layer.
        double flops = KernelBench.flopsPerExample(dev.sparkprop.nn.NetworkSpec.parse(PassBench.MLLIB_NETWORK));
        assertEquals(2 * 234_752 + 2 * 234_752 + 2 * (234_752 - 200_704), flops);
    }

    @Test
    void aSizeIsNamedOrRefusedWithTheName() {
        assertEquals(2_000, BenchSize.named("tiny").trainRows());
        assertEquals(0, BenchSize.named("full").trainRows());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BenchSize.named("huge"));
        assertTrue(e.getMessage().contains("'huge'"), e.getMessage());
    }

    @Test
    void theCommandLineRefusesAnUnknownConfig() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Bench.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--configs", "nope");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'nope'"), err.toString(StandardCharsets.UTF_8));
    }
}
