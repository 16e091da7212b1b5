package dev.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Processes dying under a training run on the loopback cluster: an executor killed mid-training
 * (Spark replaces it and rebuilds its cached blocks from their lineage) and the driver killed
 * (the run resumes from its last checkpoint). Either way the final Θ is the undisturbed run's.
 */
@ExtendWith(LoopbackCluster.Resolver.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterFaultsIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern EXECUTOR_ID = Pattern.compile("--executor-id (\\S+)");

    @Test
    void anExecutorKilledMidTrainingIsReplacedAndTheResultIsUnchanged(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("executor-killed");
        Path model = directory.resolve("model");
        Map<String, String> logBlocks = Map.of("spark.eventLog.logBlockUpdates.enabled", "true");
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory, logBlocks, IrisRun.config(model))) {
            assertTrue(run.awaitWhileRunning(() -> run.stdout().contains("epoch 2/"), RUN_TIMEOUT),
                    "training did not reach epoch 2\n" + run.describe());
            List<ProcessHandle> onWorker1 = cluster.executorsOf(0, run.eventLog().appId());
            assertEquals(1, onWorker1.size(), "executors on worker 1: " + onWorker1);
            ProcessHandle victim = onWorker1.get(0);
            String victimId = executorId(victim);
            assertTrue(victim.destroyForcibly(), "SIGKILL executor " + victimId);
            victim.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(run.stdout().contains("\"steps\""), "training ended before the executor died");

            assertEquals(0, run.waitFor(RUN_TIMEOUT), run::describe);
            EventLog log = run.eventLog();
            assertTrue(log.removedExecutors().contains(victimId), "removed: " + log.removedExecutors());
            assertTrue(cluster.masterLog().contains("Launching executor " + log.appId() + "/2 on worker"),
                    "the master did not start a replacement executor");
            // The killed executor's cached training block was built again, from the input file,
            // by another executor.
            Map<String, List<String>> stored = log.rddBlocksStored();
            assertTrue(stored.values().stream().anyMatch(executors -> executors.contains(victimId)
                    && !executors.get(executors.size() - 1).equals(victimId)), "cached blocks stored on: " + stored);
        }
        assertArrayEquals(IrisRun.localTheta(), IrisRun.theta(model), 1e-10);
    }

    @Test
    void aDriverKilledAfterTwoCheckpointsResumesToTheSameTheta(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("driver-killed");
        Path checkpoints = directory.resolve("checkpoints");
        Map<String, String> interrupted = IrisRun.config(directory.resolve("killed"));
        interrupted.put("checkpoint-dir", checkpoints.toString());
        interrupted.put("checkpoint-steps", "10");
        String appId;
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory.resolve("first"),
                Map.of(), interrupted)) {
            assertTrue(run.awaitWhileRunning(() -> checkpointCount(checkpoints) >= 2, RUN_TIMEOUT),
                    "no second checkpoint while the driver ran\n" + run.describe());
            assertEquals(137, run.killDriver(), "killed by SIGKILL");
            appId = run.eventLog().appId();
        }
        assertFalse(Files.exists(directory.resolve("killed")), "a killed run leaves no model");
        // The master drops the application of a driver that vanished, and the workers stop its executors.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cluster.executorsOfApplication(appId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(List.of(), cluster.executorsOfApplication(appId), "executors of the killed driver");

        Map<String, String> resumed = IrisRun.config(directory.resolve("resumed"));
        resumed.put("resume", checkpoints.toString());
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory.resolve("second"),
                Map.of(), resumed)) {
            assertEquals(0, run.waitFor(RUN_TIMEOUT), run::describe);
            assertTrue(run.stdout().contains("sparkprop: resuming at epoch"), run.stdout());
        }
        assertArrayEquals(IrisRun.localTheta(), IrisRun.theta(directory.resolve("resumed")), 1e-10);
    }

    private static String executorId(ProcessHandle executor) {
        Matcher id = EXECUTOR_ID.matcher(executor.info().commandLine().orElse(""));
        assertTrue(id.find(), "no --executor-id in " + executor.info());
        return id.group(1);
    }

    private static long checkpointCount(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("step-\\d+\\.ckpt")).count();
        } catch (IOException e) {
            return 0; // a checkpoint being renamed as we list
        }
    }
}
