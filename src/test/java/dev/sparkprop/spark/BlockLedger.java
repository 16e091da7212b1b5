package dev.sparkprop.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;

/**
 * What the block manager did with the cached example blocks ({@link CachedExamples#RDD_NAME}),
 * from Spark's own block-update events: the most bytes they ever held in memory and on disk at
 * once, and the storage memory of the block managers that hold them. A child JVM registers it with
 * {@code spark.extraListeners}; at the application's end it writes those figures as properties to
 * the file the Spark setting {@value #FILE_PROPERTY} names (a {@code -D} system property in a
 * JVM that starts Spark itself, a {@code --conf} through spark-submit).
 */
public final class BlockLedger extends SparkListener {

    /** The Spark setting naming the file the figures are written to. */
    public static final String FILE_PROPERTY = "spark.sparkprop.blockLedger";

    private final Path file;

    private final Set<Integer> exampleRdds = new HashSet<>();
    /** Every block of an example RDD by name, its latest {memory, disk} bytes. */
    private final Map<String, long[]> blocks = new HashMap<>();
    private long peakMemoryBytes;
    private long peakDiskBytes;
    /** Each block manager's storage memory, by executor id ("driver" for the driver's). */
    private final Map<String, Long> storageMemory = new HashMap<>();

    /** Spark makes the listener with its configuration, which names the file. */
    public BlockLedger(SparkConf conf) {
        this.file = Path.of(conf.get(FILE_PROPERTY));
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        submitted.stageInfo().rddInfos().foreach(info -> {
            if (CachedExamples.RDD_NAME.equals(info.name())) {
                exampleRdds.add(info.id());
            }
            return null;
        });
    }

    @Override
    public synchronized void onBlockManagerAdded(SparkListenerBlockManagerAdded added) {
        storageMemory.put(added.blockManagerId().executorId(), added.maxMem());
    }

    @Override
    public synchronized void onBlockUpdated(SparkListenerBlockUpdated updated) {
        BlockUpdatedInfo info = updated.blockUpdatedInfo();
        if (info.blockId() instanceof RDDBlockId block && exampleRdds.contains(block.rddId())) {
            blocks.put(block.name(), new long[] {info.memSize(), info.diskSize()});
            long memory = 0;
            long disk = 0;
            for (long[] sizes : blocks.values()) {
                memory += sizes[0];
                disk += sizes[1];
            }
            peakMemoryBytes = Math.max(peakMemoryBytes, memory);
            peakDiskBytes = Math.max(peakDiskBytes, disk);
        }
    }

    /**
     * The storage memory of the block managers that hold cached blocks: the executors' on a
     * cluster, where the driver's holds none of them; the driver's own in local mode.
     */
    private long storageMemoryBytes() {
        boolean executors = storageMemory.keySet().stream().anyMatch(id -> !id.equals("driver"));
        return storageMemory.entrySet().stream().filter(e -> !executors || !e.getKey().equals("driver"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public synchronized void onApplicationEnd(SparkListenerApplicationEnd end) {
        Properties figures = new Properties();
        figures.setProperty("peakMemoryBytes", Long.toString(peakMemoryBytes));
        figures.setProperty("peakDiskBytes", Long.toString(peakDiskBytes));
        figures.setProperty("storageMemoryBytes", Long.toString(storageMemoryBytes()));
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            figures.store(out, "the example blocks' peak bytes in memory and on disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
