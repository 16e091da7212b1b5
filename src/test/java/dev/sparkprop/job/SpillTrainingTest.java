package dev.sparkprop.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.spark.BlockLedger;
import dev.sparkprop.testing.SparkJavaOptions;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training set larger than the storage memory trains, spilled to disk, to the same Θ, bit for
 * bit, as the same run with every block in memory.
 *
 * <p>The spilled run is {@code sparkprop train} in a child JVM whose storage memory is about 1 MB
 * (a 512 MB heap, {@code spark.memory.fraction} 0.005 of what is left after Spark's 300 MB
 * reserve), on 4,000 examples of 100 features: two cached blocks of 1.6 MB each. A
 * {@link BlockLedger} in that JVM reads Spark's block-update events, so the test sees from the
 * block manager itself that the blocks went to disk and never to memory. The in-memory run is the
 * same config in this JVM's shared Spark (a 4 GB heap) at {@code MEMORY_ONLY}.
 */
class SpillTrainingTest {

    private static final int ROWS = 4000;
    private static final int FEATURES = 100;

    @TempDir
    Path dir;

    @Test
    void spilledBlocksTrainToTheThetaOfBlocksInMemory() throws Exception {
        Path data = writeData(dir.resolve("train.csv"));
        Map<String, String> inMemory = config(data, dir.resolve("memory"), "MEMORY_ONLY");
        Model reference = ResumeRuns.train(inMemory);

        Map<String, String> spilled = config(data, dir.resolve("spilled"), "MEMORY_AND_DISK");
        Path ledgerFile = dir.resolve("ledger.properties");
        Path log = dir.resolve("spilled.log");
        Process child = startTraining(spilled, ledgerFile, log);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the spilled run did not end in 120 s");
        assertEquals(0, child.exitValue(), Files.readString(log));

        Properties ledger = new Properties();
        try (Reader in = Files.newBufferedReader(ledgerFile, StandardCharsets.UTF_8)) {
            ledger.load(in);
        }
        long storageMemory = Long.parseLong(ledger.getProperty("storageMemoryBytes"));
        long onDisk = Long.parseLong(ledger.getProperty("peakDiskBytes"));
        long inMemoryBytes = Long.parseLong(ledger.getProperty("peakMemoryBytes"));
        long blockBytes = (long) ROWS * (FEATURES + 2) * Double.BYTES;
        assertTrue(storageMemory > 0 && 2 * storageMemory < blockBytes,
                "storage memory " + storageMemory + " bytes; the blocks hold " + blockBytes);
        assertTrue(onDisk >= blockBytes, "example blocks on disk: " + onDisk + " bytes of " + blockBytes);
        assertEquals(0, inMemoryBytes, "example blocks in memory");
        System.out.println("spilled run: storage memory " + storageMemory + " bytes; example blocks at their peak "
                + onDisk + " bytes on disk, " + inMemoryBytes + " in memory");

        Model model = ModelStore.load(dir.resolve("spilled").toString(), new Configuration());
        assertArrayEquals(reference.theta(), model.theta(), 0.0);
    }

    /** A small classifier with dropout and Adam on {@code data}, caching its blocks at {@code level}. */
    private static Map<String, String> config(Path data, Path output, String level) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("network", FEATURES + "-16:relu-2:softmax");
        config.put("train", data.toString());
        config.put("format", "csv");
        config.put("label-column", "label");
        config.put("epochs", "3");
        config.put("batch-size", "500");
        config.put("optimizer", "adam");
        config.put("learning-rate", "0.01");
        config.put("dropout", "0.1");
        config.put("init", "he");
        config.put("seed", "7");
        config.put("partitions", "2");
        config.put("storage-level", level);
        config.put("output", output.toString());
        return config;
    }

    /** {@link #ROWS} rows of {@link #FEATURES} seeded uniform features, labelled by the sign of their first half's sum minus the second's. */
    private static Path writeData(Path file) throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("label");
        for (int j = 1; j <= FEATURES; j++) {
            csv.append(",x").append(j);
        }
        csv.append('\n');
        double[] x = new double[FEATURES];
        for (int i = 0; i < ROWS; i++) {
            double margin = 0;
            for (int j = 0; j < FEATURES; j++) {
                x[j] = random.nextDouble();
                margin += j < FEATURES / 2 ? x[j] : -x[j];
            }
            csv.append(margin > 0 ? 1 : 0);
            for (double value : x) {
                csv.append(',').append(String.format(Locale.ROOT, "%.4f", value));
            }
            csv.append('\n');
        }
        return Files.writeString(file, csv);
    }

    /** {@code sparkprop train} in a child JVM with about 1 MB of storage memory and a {@link BlockLedger}. */
    private static Process startTraining(Map<String, String> config, Path ledgerFile, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(SparkJavaOptions.flags());
        command.add("-Xmx512m");
        command.add("-Dspark.memory.fraction=0.005");
        command.add("-Dspark.extraListeners=" + BlockLedger.class.getName());
        command.add("-D" + BlockLedger.FILE_PROPERTY + "=" + ledgerFile);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.sparkprop.cli.Main");
        command.add("train");
        command.add("--master=local[2]");
        config.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
