package dev.sparkprop.job;

import static dev.sparkprop.job.ResumeRuns.checkpoints;
import static dev.sparkprop.job.ResumeRuns.config;
import static dev.sparkprop.job.ResumeRuns.train;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.testing.SparkJavaOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training killed with SIGKILL after its second checkpoint, then resumed, ends with exactly the
 * Θ of a run that was never interrupted. The killed run is a second JVM started with
 * {@code sparkprop train}, so this runs in the integration phase with the cluster tests (whose
 * {@code ClusterFaultsIT} kills a driver on the loopback cluster the same way); the in-process
 * resume cases are {@link CheckpointResumeTest}.
 */
class ResumeAfterKillIT {

    @TempDir
    Path dir;

    /** Starts {@code sparkprop train} in its own JVM, with this JVM's classpath and Spark's Java 17 flags. */
    private static Process startTraining(Map<String, String> config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(SparkJavaOptions.flags());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.sparkprop.cli.Main");
        command.add("train");
        config.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void killedAfterTheSecondCheckpointAndResumedEqualsAnUninterruptedRun() throws Exception {
        Model uninterrupted = train(config(dir, "full"));

        Path checkpointDir = dir.resolve("checkpoints");
        Map<String, String> interrupted = config(dir, "killed");
        interrupted.put("checkpoint-dir", checkpointDir.toString());
        interrupted.put("checkpoint-steps", "20");
        Path log = dir.resolve("killed.log");
        Process process = startTraining(interrupted, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (checkpoints(checkpointDir).size() < 2 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(process.isAlive(), "the run ended before its second checkpoint:\n" + Files.readString(log));
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(dir.resolve("killed")), "a killed run leaves no model");
        List<Path> left = checkpoints(checkpointDir);
        assertTrue(left.size() >= 2, "checkpoints: " + left);

        Map<String, String> resumed = config(dir, "resumed");
        resumed.put("resume", checkpointDir.toString());
        Model model = train(resumed);
        assertArrayEquals(uninterrupted.theta(), model.theta(), 0.0);
        assertEquals(30, Files.readAllLines(dir.resolve("resumed/metrics.jsonl")).size());
    }
}
