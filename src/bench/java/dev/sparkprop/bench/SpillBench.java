package dev.sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.cluster.ClusterSubmission;
import dev.sparkprop.cluster.LoopbackCluster;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.spark.BlockLedger;
import dev.sparkprop.testing.ClassesJar;
import dev.sparkprop.testing.SparkJavaOptions;
import dev.sparkprop.testing.ThetaDigest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A training set larger than the executors' storage memory, on the loopback cluster: MNIST's
 * training rows seven times over (as they are, and shifted one pixel up, down, left, right and
 * along the diagonal both ways, the usual augmentation), cached as dense doubles, is 2.7 GB at
 * full size against about 0.9 GB of storage memory in two executors of 1 GB. {@code sparkprop train} is submitted to the cluster
 * as a user submits it ({@link ClusterSubmission}: its {@code spark-submit}, the cluster jar, 1 GB
 * executors) at the default storage level, MEMORY_AND_DISK, so what does not fit is written to the
 * executors' local disk and read back every step; the same config runs in {@code local[2]} in a
 * JVM with room for every block at MEMORY_ONLY. A {@link BlockLedger} in each driver reads Spark's
 * block-update events for the storage memory and the cached blocks' peak bytes in memory and on
 * disk. The two final Θ must be the same bits.
 */
final class SpillBench {

    /** The copies of each training row: (rows down, columns right). */
    private static final int[][] SHIFTS = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}};
    private static final int SIDE = 28;
    /** About the cached bytes of one partition's block: small enough to build in a 1 GB executor. */
    private static final long BLOCK_BYTES = 64L << 20;
    private static final int EPOCHS = 2;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private SpillBench() {
    }

    /** Both runs; returns the Markdown table. */
    static String run(LoopbackCluster cluster, BenchData data, BenchSize size, Path dir, PrintStream progress)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path train = dir.resolve("train-x" + SHIFTS.length + "-" + data.trainRows() + ".csv");
        if (!Files.exists(train)) {
            writeShifted(Path.of(data.train()), train);
        }
        long rows = data.trainRows() * SHIFTS.length;
        long cachedBytes = rows * (BenchData.FEATURES + BenchData.CLASSES) * (long) Double.BYTES;
        int partitions = (int) Math.max(2, 2 * ((cachedBytes + 2 * BLOCK_BYTES - 1) / (2 * BLOCK_BYTES)));
        Path ledgerJar = ClassesJar.ofPackage(BlockLedger.class, dir.resolve("block-ledger.jar"));

        progress.println("  spill: local[2], MEMORY_ONLY, " + rows + " rows in " + partitions + " partitions");
        Result local = local(config(train, data, size, partitions, "MEMORY_ONLY", dir.resolve("local")),
                dir.resolve("local-run"));
        progress.println("  spill: loopback cluster, MEMORY_AND_DISK");
        Result spilled = onCluster(cluster, config(train, data, size, partitions, "MEMORY_AND_DISK",
                dir.resolve("cluster")), dir.resolve("cluster-run"), ledgerJar);

        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%nA training set larger than the executors'"
                + " storage memory (MNIST x %d, %,d rows, %d partitions, %.2f GB cached as doubles; 784-64:relu-10:softmax,"
                + " Adam, batch %d, %d epochs):%n%n", SHIFTS.length, rows, partitions, cachedBytes / 1e9,
                batch(size), EPOCHS));
        md.append("| run | storage level | storage memory (GB) | data / storage memory | blocks at peak in memory (GB)"
                + " | on disk (GB) | seconds | test accuracy | Θ SHA-256 |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : List.of(local, spilled)) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.1f | %.4f | %s |%n",
                    r.where, r.level, r.storageMemory / 1e9, cachedBytes / (double) r.storageMemory,
                    r.peakMemory / 1e9, r.peakDisk / 1e9, r.seconds, r.testAccuracy, r.digest.substring(0, 16)));
        }
        boolean same = local.digest.equals(spilled.digest);
        md.append(String.format("%nSame Θ, bit for bit: %s. Spilled: %s (the data is %.2f x the executors' storage"
                + " memory; at least 2 is the target).%n", same ? "yes" : "NO",
                spilled.peakDisk > 0 && cachedBytes >= 2 * spilled.storageMemory ? "yes" : "no", cachedBytes / (double) spilled.storageMemory));
        return md.toString();
    }

    private static int batch(BenchSize size) {
        return size.trainRows() == 0 ? 20_000 : 1_000;
    }

    private static Map<String, String> config(Path train, BenchData data, BenchSize size, int partitions,
                                              String level, Path output) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("network", "784-64:relu-10:softmax");
        config.put("train", train.toString());
        config.put("test", data.test());
        config.put("format", "csv");
        config.put("label-column", "label");
        config.put("scaling", "divide:255");
        config.put("epochs", String.valueOf(EPOCHS));
        config.put("batch-size", String.valueOf(batch(size)));
        config.put("optimizer", "adam");
        config.put("learning-rate", "0.002");
        config.put("init", "he");
        config.put("seed", "7");
        config.put("partitions", String.valueOf(partitions));
        config.put("storage-level", level);
        config.put("output", output.toString());
        config.put("overwrite", "true");
        return config;
    }

    /** One run's figures: where, the level, the ledger's bytes, the summary's seconds and accuracy, Θ's digest. */
    private record Result(String where, String level, long storageMemory, long peakMemory, long peakDisk,
                          double seconds, double testAccuracy, String digest) {
    }

    /** {@code sparkprop train} in a child JVM in local[2] with a 10 GB heap. */
    private static Result local(Map<String, String> config, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ledger = dir.resolve("ledger.properties");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkJavaOptions.flags());
        command.addAll(List.of("-Xmx10g", "-Dspark.extraListeners=" + BlockLedger.class.getName(),
                "-D" + BlockLedger.FILE_PROPERTY + "=" + ledger, "-cp", System.getProperty("java.class.path"),
                "dev.sparkprop.cli.Main", "train", "--master=local[2]"));
        config.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path out = dir.resolve("stdout.log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("stderr.log").toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the local[2] spill run did not end in " + TIMEOUT + "; see " + dir);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the local[2] spill run failed (exit " + process.exitValue() + "):\n"
                    + Files.readString(dir.resolve("stderr.log")));
        }
        return result("local[2]", config, Files.readString(out), ledger);
    }

    /** {@code sparkprop train} submitted to the loopback cluster, 1 GB executors. */
    private static Result onCluster(LoopbackCluster cluster, Map<String, String> config, Path dir, Path ledgerJar)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ledger = dir.resolve("ledger.properties");
        try (ClusterSubmission run = ClusterSubmission.start(cluster, dir,
                Map.of("spark.extraListeners", BlockLedger.class.getName(), BlockLedger.FILE_PROPERTY, ledger.toString()),
                config, "--jars", ledgerJar.toString())) {
            int exit = run.waitFor(TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("the cluster spill run failed (exit " + exit + "):\n" + run.describe());
            }
            return result("loopback cluster, 2 x 1 GB executors", config, run.stdout(), ledger);
        }
    }

    private static Result result(String where, Map<String, String> config, String stdout, Path ledgerFile)
            throws IOException {
        Properties ledger = new Properties();
        try (Reader in = Files.newBufferedReader(ledgerFile, StandardCharsets.UTF_8)) {
            ledger.load(in);
        }
        String last = stdout.strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonNode summary = new ObjectMapper().readTree(last);
        double[] theta = ModelStore.load(config.get("output"), new Configuration()).theta();
        return new Result(where, config.get("storage-level"), Long.parseLong(ledger.getProperty("storageMemoryBytes")),
                Long.parseLong(ledger.getProperty("peakMemoryBytes")), Long.parseLong(ledger.getProperty("peakDiskBytes")),
                summary.path("seconds").asDouble(Double.NaN), summary.path("test_accuracy").asDouble(Double.NaN),
                ThetaDigest.sha256(theta));
    }

    /** The header, then each row of {@code from} once per shift, the image moved by it and the edge filled with 0. */
    private static void writeShifted(Path from, Path to) throws IOException {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        try (BufferedReader in = BenchData.open(from);
             BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(in.readLine());
            out.newLine();
            StringBuilder line = new StringBuilder();
            for (String row; (row = in.readLine()) != null; ) {
                String[] fields = row.split(",");
                for (int[] shift : SHIFTS) {
                    line.setLength(0);
                    line.append(fields[0]);
                    for (int r = 0; r < SIDE; r++) {
                        for (int c = 0; c < SIDE; c++) {
                            int r0 = r - shift[0];
                            int c0 = c - shift[1];
                            boolean inside = r0 >= 0 && r0 < SIDE && c0 >= 0 && c0 < SIDE;
                            line.append(',').append(inside ? fields[1 + r0 * SIDE + c0] : "0");
                        }
                    }
                    out.write(line.toString());
                    out.newLine();
                }
            }
        }
        Files.move(partial, to);
    }
}
