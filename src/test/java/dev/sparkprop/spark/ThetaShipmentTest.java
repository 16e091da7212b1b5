package dev.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.SharedSpark;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import scala.collection.JavaConverters;
import org.junit.jupiter.api.Test;

/**
 * Θ reaches a local-mode job's tasks as the driver's copy, without a broadcast, and is gone after
 * release. (The broadcast kind runs wherever executors are JVMs of their own: the loopback
 * cluster's tests train through it.)
 */
class ThetaShipmentTest {

    @Test
    void localModeTasksReadTheDriversCopyWithoutABroadcast() {
        JavaSparkContext sc = SharedSpark.context();
        double[] theta = new double[1 << 20]; // 8 MB: a broadcast would hold as many bytes in its blocks
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.sin(i);
        }
        theta[3] = -0.0;
        double[] expected = theta.clone();
        ThetaShipment shipped = ThetaShipment.of(sc, theta);
        theta[0] = 99; // the optimizer's later update does not reach the shipped copy
        try {
            List<double[]> seen = sc.parallelize(List.of(1, 2, 3), 3).map(i -> shipped.value().values().clone())
                    .collect();
            assertEquals(3, seen.size());
            for (double[] values : seen) {
                assertArrayEquals(expected, values);
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(values[3]));
            }
            assertNotSame(theta, shipped.value().values());
            BlockManager blocks = sc.sc().env().blockManager();
            for (BlockId id : JavaConverters.seqAsJavaList(blocks.getMatchingBlockIds(BlockId::isBroadcast))) {
                long bytes = blocks.getStatus(id).map(status -> status.memSize() + status.diskSize()).getOrElse(() -> 0L);
                assertTrue(bytes < 1_000_000, "no broadcast holds Θ in local mode: " + id + " holds " + bytes + " bytes");
            }
        } finally {
            shipped.release();
        }
        IllegalStateException gone = assertThrows(IllegalStateException.class, shipped::value);
        assertTrue(gone.getMessage().contains("not in this JVM"), gone.getMessage());
    }
}
