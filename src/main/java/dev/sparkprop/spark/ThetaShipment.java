package dev.sparkprop.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Θ on its way to one job's tasks: made on the driver before the job, read by the tasks through
 * {@link #value()}, {@link #release}d after it.
 *
 * <p>Where executors are JVMs of their own (a cluster, {@code local-cluster}), it is a Spark
 * broadcast of a {@link SharedTheta}. In local mode the tasks run in the driver's JVM: there a
 * broadcast still serializes Θ into pieces that no task reads (Spark keeps the object itself for
 * readers in the driver's JVM and the pieces for other JVMs), 12 ms a step for an 8 MB Θ and 30
 * ms for the 67 MB of {@code conf/debian-packages}. So in local mode the driver's {@code
 * SharedTheta} goes into a table of this JVM under a number, the tasks' closures carry the number,
 * and the tasks read the object itself. Not when {@code spark.executor.userClassPathFirst} is set:
 * the tasks' classes, and so the table, could then be another class loader's.
 */
abstract class ThetaShipment implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A copy of {@code theta}, taken now, shipped the way {@code sc}'s master calls for. */
    static ThetaShipment of(JavaSparkContext sc, double[] theta) {
        SharedTheta shared = new SharedTheta(theta);
        SparkConf conf = sc.getConf();
        if (sc.sc().isLocal() && !conf.getBoolean("spark.executor.userClassPathFirst", false)) {
            return new InProcess(shared);
        }
        return new Broadcasted(sc.broadcast(shared));
    }

    /** Θ as the task reads it; never written. */
    abstract SharedTheta value();

    /** After the job: the broadcast destroyed, or the table's entry removed. */
    abstract void release();

    /** A Spark broadcast. */
    private static final class Broadcasted extends ThetaShipment {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SharedTheta> broadcast;

        Broadcasted(Broadcast<SharedTheta> broadcast) {
            this.broadcast = broadcast;
        }

        @Override
        SharedTheta value() {
            return broadcast.value();
        }

        @Override
        void release() {
            broadcast.destroy();
        }
    }

    /** The driver's object, found by number in this JVM's table. */
    private static final class InProcess extends ThetaShipment {
        private static final long serialVersionUID = 1L;
        private static final Map<Long, SharedTheta> SHIPPED = new ConcurrentHashMap<>();
        private static final AtomicLong NUMBERS = new AtomicLong();
        private final long number;

        InProcess(SharedTheta shared) {
            number = NUMBERS.incrementAndGet();
            SHIPPED.put(number, shared);
        }

        @Override
        SharedTheta value() {
            SharedTheta shared = SHIPPED.get(number);
            if (shared == null) {
                throw new IllegalStateException("Θ number " + number + " is not in this JVM: local mode ships Θ"
                        + " only to tasks in the driver's JVM, during its job");
            }
            return shared;
        }

        @Override
        void release() {
            SHIPPED.remove(number);
        }
    }
}
