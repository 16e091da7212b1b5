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
 * once, and the storage memory of the block managers. A child JVM registers it with
 * {@code spark.extraListeners}; at the application's end it writes those figures as properties to
 * the file the system property {@value #FILE_PROPERTY} names.
 */
public final class BlockLedger extends SparkListener {

    /** The system property naming the file the figures are written to. */
    public static final String FILE_PROPERTY = "sparkprop.blockLedger";

    private final Set<Integer> exampleRdds = new HashSet<>();
    /** Every block of an example RDD by name, its latest {memory, disk} bytes. */
    private final Map<String, long[]> blocks = new HashMap<>();
    private long peakMemoryBytes;
    private long peakDiskBytes;
    private long storageMemoryBytes;

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
        storageMemoryBytes += added.maxMem();
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

    @Override
    public synchronized void onApplicationEnd(SparkListenerApplicationEnd end) {
        Properties figures = new Properties();
        figures.setProperty("peakMemoryBytes", Long.toString(peakMemoryBytes));
        figures.setProperty("peakDiskBytes", Long.toString(peakDiskBytes));
        figures.setProperty("storageMemoryBytes", Long.toString(storageMemoryBytes));
        try (var out = Files.newBufferedWriter(Path.of(System.getProperty(FILE_PROPERTY)), StandardCharsets.UTF_8)) {
            figures.store(out, "the example blocks' peak bytes in memory and on disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
