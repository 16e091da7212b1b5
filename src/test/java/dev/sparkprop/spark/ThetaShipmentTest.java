package dev.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.SharedSpark;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Θ reaches a local-mode job's tasks through a broadcast whose pieces carry a number instead of
 * Θ's bytes, and is gone after release. (Broadcasts that carry the bytes run wherever executors
 * are JVMs of their own: the loopback cluster's tests train through them.)
 */
class ThetaShipmentTest {

    @Test
    void localModeBroadcastsThetaWithoutSerializingIt() {
        JavaSparkContext sc = SharedSpark.context();
        double[] theta = new double[1 << 20]; // 8 MB: a broadcast would hold as many bytes in its blocks
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.sin(i);
        }
        theta[3] = -0.0;
        double[] expected = theta.clone();
        assertTrue(ThetaShipment.tasksShareThisJvm(sc), sc.master());
        ThetaShipment shipped = ThetaShipment.of(sc, theta, ThetaShipment.tasksShareThisJvm(sc));
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
            for (BlockId id : JavaConverters.seqAsJavaList(blocks.getMatchingBlockIds(
                    id -> id.isBroadcast() && id.name().contains("_piece")))) { // the pieces, not the object itself
                long bytes = blocks.getStatus(id).map(status -> status.memSize() + status.diskSize()).getOrElse(() -> 0L);
                assertTrue(bytes < 1_000_000, "no broadcast piece holds Θ's bytes in local mode: " + id + " holds " + bytes + " bytes");
            }
        } finally {
            shipped.release();
        }
        assertThrows(Exception.class, shipped::value, "destroyed");
    }

    @Test
    void aRegisteredThetaTravelsAsItsNumberWhileRegistered() {
        double[] theta = new SplittableRandom(3).doubles(50_000).toArray();
        SharedTheta shared = new SharedTheta(theta).inThisJvm();
        JavaSerializer java = new JavaSerializer(new SparkConf());
        ClassTag<SharedTheta> tag = ClassTag$.MODULE$.apply(SharedTheta.class);
        ByteBuffer bytes = java.newInstance().serialize(shared, tag);
        assertTrue(bytes.remaining() < 1_000, bytes.remaining() + " bytes for 50,000 doubles");
        assertArrayEquals(theta, java.newInstance().deserialize(bytes.duplicate(), tag).values());
        shared.unregister();
        Exception gone = assertThrows(Exception.class, () -> java.newInstance().deserialize(bytes.duplicate(), tag));
        assertTrue(String.valueOf(gone.getMessage()).contains("registered in the JVM that wrote it"),
                String.valueOf(gone.getMessage()));
        ByteBuffer full = java.newInstance().serialize(shared, tag); // unregistered: Θ's bytes again
        assertTrue(full.remaining() > 400_000, full.remaining() + " bytes");
        assertArrayEquals(theta, java.newInstance().deserialize(full, tag).values());
    }
}
