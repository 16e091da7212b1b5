package dev.sparkprop.job;

import static dev.sparkprop.job.ResumeRuns.checkpoints;
import static dev.sparkprop.job.ResumeRuns.config;
import static dev.sparkprop.job.ResumeRuns.train;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.testing.SharedSpark;
import dev.sparkprop.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming from checkpoints in this JVM: a checkpoint of another network is refused, a corrupt
 * newest one is skipped. A run killed by SIGKILL and resumed is {@link ResumeAfterKillIT}.
 */
class CheckpointResumeTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointOfAnotherNetworkIsRefused() throws Exception {
        Map<String, String> first = config(dir, "first");
        first.put("epochs", "2");
        first.put("checkpoint-dir", dir.resolve("ckpt").toString());
        first.put("checkpoint-epochs", "1");
        train(first);
        assertEquals(1, checkpoints(dir.resolve("ckpt")).size(), "a checkpoint after epoch 1, none after the last");
        Map<String, String> other = config(dir, "other");
        other.put("network", "4-5:relu-3:softmax");
        other.put("resume", dir.resolve("ckpt").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(other));
        assertEquals("resume=" + dir.resolve("ckpt") + ": the checkpoint was made with network=4-8:tanh-3:softmax"
                + " but this run has network=4-5:relu-3:softmax", e.getMessage());
        assertFalse(Files.exists(dir.resolve("other")));
    }

    @Test
    void aCorruptNewestCheckpointIsSkipped() throws Exception {
        Map<String, String> first = config(dir, "a");
        first.put("epochs", "3");
        first.put("checkpoint-dir", dir.resolve("ck").toString());
        first.put("checkpoint-epochs", "1");
        Model full = train(first);
        List<Path> saved = checkpoints(dir.resolve("ck"));
        assertEquals(2, saved.size());
        byte[] bytes = Files.readAllBytes(saved.get(1));
        bytes[bytes.length / 2] ^= 1;
        Files.write(saved.get(1), bytes);
        Map<String, String> again = config(dir, "b");
        again.put("epochs", "3");
        again.put("resume", dir.resolve("ck").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(again), new PrintStream(out, true));
        assertTrue(out.toString().contains("skipping unreadable checkpoint"), out.toString());
        assertTrue(out.toString().contains("resuming at epoch 2, step 1"), out.toString());
        assertArrayEquals(full.theta(), ModelStore.load(dir.resolve("b").toString(), new Configuration()).theta(), 0.0);
    }
}
