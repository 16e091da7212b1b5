package dev.sparkprop.job;

import dev.sparkprop.train.TrainConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.IrisConfig;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.testing.SparkJavaOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training killed with SIGKILL after its second checkpoint, then resumed, ends with exactly the
 * Θ of a run that was never interrupted.
 */
class ResumeAfterKillTest {

    @TempDir
    Path dir;

    private Map<String, String> config(String output) {
        Map<String, String> config = IrisConfig.writingTo(dir.resolve(output));
        config.put("batch-size", "8");
        config.put("learning-rate", "0.05");
        config.put("epochs", "30");
        return config;
    }

    private static Model train(Map<String, String> config) throws IOException {
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(config), new PrintStream(new ByteArrayOutputStream()));
        return ModelStore.load(config.get("output"), new Configuration());
    }

    private static List<Path> checkpoints(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("step-\\d+\\.ckpt")).sorted().toList();
        }
    }

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
        Model uninterrupted = train(config("full"));

        Path checkpointDir = dir.resolve("checkpoints");
        Map<String, String> interrupted = config("killed");
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

        Map<String, String> resumed = config("resumed");
        resumed.put("resume", checkpointDir.toString());
        Model model = train(resumed);
        assertArrayEquals(uninterrupted.theta(), model.theta(), 0.0);
        assertEquals(30, Files.readAllLines(dir.resolve("resumed/metrics.jsonl")).size());
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRefused() throws Exception {
        Map<String, String> first = config("first");
        first.put("epochs", "2");
        first.put("checkpoint-dir", dir.resolve("ckpt").toString());
        first.put("checkpoint-epochs", "1");
        train(first);
        assertEquals(1, checkpoints(dir.resolve("ckpt")).size(), "a checkpoint after epoch 1, none after the last");
        Map<String, String> other = config("other");
        other.put("network", "4-5:relu-3:softmax");
        other.put("resume", dir.resolve("ckpt").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(other));
        assertEquals("resume=" + dir.resolve("ckpt") + ": the checkpoint was made with network=4-8:tanh-3:softmax"
                + " but this run has network=4-5:relu-3:softmax", e.getMessage());
        assertFalse(Files.exists(dir.resolve("other")));
    }

    @Test
    void aCorruptNewestCheckpointIsSkipped() throws Exception {
        Map<String, String> first = config("a");
        first.put("epochs", "3");
        first.put("checkpoint-dir", dir.resolve("ck").toString());
        first.put("checkpoint-epochs", "1");
        Model full = train(first);
        List<Path> saved = checkpoints(dir.resolve("ck"));
        assertEquals(2, saved.size());
        byte[] bytes = Files.readAllBytes(saved.get(1));
        bytes[bytes.length / 2] ^= 1;
        Files.write(saved.get(1), bytes);
        Map<String, String> again = config("b");
        again.put("epochs", "3");
        again.put("resume", dir.resolve("ck").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(again), new PrintStream(out, true));
        assertTrue(out.toString().contains("skipping unreadable checkpoint"), out.toString());
        assertTrue(out.toString().contains("resuming at epoch 2, step 1"), out.toString());
        assertArrayEquals(full.theta(), ModelStore.load(dir.resolve("b").toString(), new Configuration()).theta(), 0.0);
    }
}
