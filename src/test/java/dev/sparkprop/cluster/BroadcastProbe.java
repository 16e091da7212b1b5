package dev.sparkprop.cluster;

import dev.sparkprop.optim.ScalaCollections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockStatus;
import org.apache.spark.storage.StorageStatus;
import scala.runtime.AbstractFunction1;

/**
 * Measures the memory a running application holds for broadcasts, from inside its driver: a
 * {@code SparkListener} added with {@code --jars} and {@code spark.extraListeners}. After every
 * {@code spark.sparkprop.probe.everyJobs}-th job (by job id) it appends one line per block manager
 * to the file {@code spark.sparkprop.probe.file}:
 *
 * <pre>
 *   job=J executor=E broadcastPieces=N broadcastPieceBytes=B storageMemory=S
 *   job=J executor=driver ... driverBroadcastBlocks=N driverBroadcastBytes=B
 * </pre>
 *
 * <ul>
 *   <li>{@code broadcastPieces}/{@code broadcastPieceBytes}: the broadcast pieces (the serialized
 *       chunks a {@code TorrentBroadcast} is shipped in) that block manager holds, as every block
 *       manager reports them to the driver's {@code BlockManagerMaster}.</li>
 *   <li>{@code storageMemory}: the bytes that JVM's {@code MemoryManager} has granted to its memory
 *       store: every block it holds, broadcast values and cached training blocks included. Read
 *       directly on the driver; for an executor, its last heartbeat's {@code OnHeapStorageMemory}
 *       metric (the peak since the heartbeat before).</li>
 *   <li>{@code driverBroadcastBlocks}/{@code driverBroadcastBytes}: every broadcast block in the
 *       driver's block manager, values and pieces.</li>
 * </ul>
 *
 * A broadcast that is never destroyed stays in all of these on every JVM; Spark's own per-stage
 * broadcasts (task code) come and go with the driver's garbage collections.
 */
public final class BroadcastProbe extends SparkListener {

    private final Path file;
    private final int everyJobs;
    private final Map<String, Long> executorStorageMemory = new ConcurrentHashMap<>();

    /** Called by Spark with the application's configuration. */
    public BroadcastProbe(SparkConf conf) {
        this.file = Path.of(conf.get("spark.sparkprop.probe.file"));
        this.everyJobs = conf.getInt("spark.sparkprop.probe.everyJobs", 100);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        long peak = -1;
        for (ExecutorMetrics metrics : ScalaCollections.asJavaCollection(update.executorUpdates().values())) {
            peak = Math.max(peak, metrics.getMetricValue("OnHeapStorageMemory"));
        }
        if (peak >= 0) {
            executorStorageMemory.put(update.execId(), peak);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        if (jobEnd.jobId() % everyJobs == 0) {
            sample(jobEnd.jobId());
        }
    }

    private void sample(int job) {
        SparkEnv env = SparkEnv.get();
        StringBuilder lines = new StringBuilder();
        for (StorageStatus status : env.blockManager().master().getStorageStatus()) {
            String executor = status.blockManagerId().executorId();
            long pieces = 0;
            long pieceBytes = 0;
            for (Map.Entry<BlockId, BlockStatus> block : ScalaCollections.asJava(status.blocks()).entrySet()) {
                if (block.getKey().isBroadcast()) {
                    pieces++;
                    pieceBytes += block.getValue().memSize();
                }
            }
            boolean driver = executor.equals("driver");
            long storage = driver ? env.memoryManager().onHeapStorageMemoryUsed()
                    : executorStorageMemory.getOrDefault(executor, -1L);
            lines.append("job=").append(job).append(" executor=").append(executor)
                    .append(" broadcastPieces=").append(pieces).append(" broadcastPieceBytes=").append(pieceBytes)
                    .append(" storageMemory=").append(storage);
            if (driver) {
                appendDriverBroadcasts(env.blockManager(), lines);
            }
            lines.append('\n');
        }
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every broadcast block of the driver's own block manager, reported to the master or not. */
    private static void appendDriverBroadcasts(BlockManager blockManager, StringBuilder line) {
        long blocks = 0;
        long bytes = 0;
        for (BlockId id : ScalaCollections.asJava(blockManager.getMatchingBlockIds(new IsBroadcast()))) {
            // One lookup: a step's broadcast can be destroyed between two, as the steps run on.
            scala.Option<BlockStatus> status = blockManager.getStatus(id);
            if (status.isDefined()) {
                blocks++;
                bytes += status.get().memSize();
            }
        }
        line.append(" driverBroadcastBlocks=").append(blocks).append(" driverBroadcastBytes=").append(bytes);
    }

    /** The block filter, as the Scala function the block manager takes. */
    private static final class IsBroadcast extends AbstractFunction1<BlockId, Object> {
        @Override
        public Object apply(BlockId id) {
            return id.isBroadcast();
        }
    }
}
