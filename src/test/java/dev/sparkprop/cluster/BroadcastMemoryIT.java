package dev.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.ClassesJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 training steps on the loopback cluster, each broadcasting a fresh 140 KB Θ
 * (4-128-128-3, 17,539 parameters): the memory the driver and both executors hold for broadcasts
 * stays flat, measured from inside the driver by {@link BroadcastProbe} every 100 jobs.
 *
 * <p>A step's broadcast that is not destroyed lingers until a garbage collection on the driver
 * lets Spark's ContextCleaner remove it, so the pile grows with the driver's heap and Θ. With
 * {@code destroy()} commented out, this test fails: by step 1,000 the driver held 38 broadcast
 * blocks (3.0 MB) and an executor's storage memory peaked at 3.2 MB, against at most 18 blocks
 * and 0.9 MB with it.
 */
@ExtendWith(LoopbackCluster.Resolver.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BroadcastMemoryIT {

    private static final int STEPS = 1000;
    private static final long THETA_BYTES = 8L * (128 * 5 + 128 * 129 + 3 * 129);
    /** Allowed growth from job 100 to the end: a handful of Θ copies in flight, far below one per step. */
    private static final long SLACK_BYTES = 10 * THETA_BYTES;

    @Test
    void broadcastMemoryStaysFlatOverAThousandSteps(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("broadcast-memory");
        Path samples = directory.resolve("broadcast-memory.txt");
        Map<String, String> train = IrisRun.config(directory.resolve("model"));
        train.put("network", "4-128:tanh-128:tanh-3:softmax");
        train.put("batch-size", "0");
        train.put("epochs", String.valueOf(STEPS));
        Map<String, String> probe = Map.of(
                "spark.extraListeners", BroadcastProbe.class.getName(),
                "spark.sparkprop.probe.file", samples.toString(),
                "spark.sparkprop.probe.everyJobs", "100",
                "spark.executor.heartbeatInterval", "2s");
        long start = System.nanoTime();
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory, probe, train,
                "--jars", ClassesJar.ofPackage(BroadcastProbe.class, directory.resolve("broadcast-probe.jar")).toString())) {
            assertEquals(0, run.waitFor(Duration.ofMinutes(5)), run::describe);
            System.out.printf("BroadcastMemoryIT: %d steps in %.1f s (submit to exit); %s%n", STEPS,
                    (System.nanoTime() - start) / 1e9, run.stdout().lines().reduce((a, b) -> b).orElse(""));
        }
        Map<String, List<Map<String, Long>>> byExecutor = read(samples);
        System.out.println("BroadcastMemoryIT samples (" + samples + "):\n" + Files.readString(samples));
        assertEquals(List.of("0", "1", "driver"), new ArrayList<>(byExecutor.keySet()), "block managers sampled");
        for (Map.Entry<String, List<Map<String, Long>>> executor : byExecutor.entrySet()) {
            List<Map<String, Long>> series = executor.getValue().stream().filter(s -> s.get("job") >= 100).toList();
            assertTrue(series.size() >= 10, executor.getKey() + ": " + series.size() + " samples from job 100 on");
            for (String measure : new String[] {"broadcastPieceBytes", "storageMemory", "driverBroadcastBytes"}) {
                if (!series.get(0).containsKey(measure) || series.get(series.size() - 1).get(measure) < 0) {
                    continue; // driver-only measure, or no heartbeat yet
                }
                long first = series.get(0).get(measure);
                long max = series.stream().mapToLong(s -> s.get(measure)).max().orElseThrow();
                assertTrue(max - first <= SLACK_BYTES, executor.getKey() + " " + measure + " grew from " + first
                        + " to " + max + " bytes over " + STEPS + " steps; allowed " + SLACK_BYTES);
            }
        }
    }

    /** The probe's classes in a jar of their own, for {@code --jars}: the driver loads them from there. */
    /** The probe's lines, grouped by block manager, each line's {@code key=number} pairs in order. */
    private static Map<String, List<Map<String, Long>>> read(Path samples) throws IOException {
        Map<String, List<Map<String, Long>>> byExecutor = new TreeMap<>();
        for (String line : Files.readAllLines(samples)) {
            Map<String, Long> values = new LinkedHashMap<>();
            String executor = null;
            for (String pair : line.trim().split(" ")) {
                String[] keyValue = pair.split("=", 2);
                if (keyValue[0].equals("executor")) {
                    executor = keyValue[1];
                } else {
                    values.put(keyValue[0], Long.parseLong(keyValue[1]));
                }
            }
            byExecutor.computeIfAbsent(executor, e -> new ArrayList<>()).add(values);
        }
        return byExecutor;
    }
}
