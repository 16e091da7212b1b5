package dev.sparkprop.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Θ broadcast for one job: made on the driver before the job, read by the tasks through
 * {@link #value()}, {@link #release}d after it.
 *
 * <p>Always a Spark broadcast of a {@link SharedTheta}. Where executors are JVMs of their own (a
 * cluster, {@code local-cluster}) its pieces carry Θ's bytes. In local mode the tasks run in the
 * driver's JVM and read the broadcast's object itself (Spark keeps it for readers in that JVM),
 * yet a broadcast still serializes its value into pieces for other JVMs: 12-14 ms a step for an
 * 8 MB Θ, 60 ms for the 67 MB of {@code conf/debian-packages}. There the shared Θ is {@linkplain
 * SharedTheta#inThisJvm registered in this JVM}, and its pieces carry only the number it is
 * registered under. Not when {@code spark.executor.userClassPathFirst} is set: the tasks' classes,
 * and with them the register, could then be another class loader's.
 */
final class ThetaShipment implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Broadcast<SharedTheta> broadcast;
    /** The driver's object, for {@link #release}; not sent to the tasks. */
    private final transient SharedTheta shared;

    private ThetaShipment(Broadcast<SharedTheta> broadcast, SharedTheta shared) {
        this.broadcast = broadcast;
        this.shared = shared;
    }

    /**
     * Whether every task of {@code sc} runs in this, the driver's, JVM with the driver's classes:
     * local mode without {@code spark.executor.userClassPathFirst}. Asked once per source, not per
     * step ({@code getConf} copies the whole configuration).
     */
    static boolean tasksShareThisJvm(JavaSparkContext sc) {
        return sc.sc().isLocal() && !sc.getConf().getBoolean("spark.executor.userClassPathFirst", false);
    }

    /**
     * A copy of {@code theta}, taken now, broadcast for the job that follows; {@code sameJvm} is
     * {@link #tasksShareThisJvm} of {@code sc}.
     */
    static ThetaShipment of(JavaSparkContext sc, double[] theta, boolean sameJvm) {
        SharedTheta shared = new SharedTheta(theta);
        try {
            return new ThetaShipment(sc.broadcast(sameJvm ? shared.inThisJvm() : shared), shared);
        } catch (RuntimeException e) {
            shared.unregister(); // no job will run, and no release will come
            throw e;
        }
    }

    /** Θ as the task reads it; never written. */
    SharedTheta value() {
        return broadcast.value();
    }

    /** After the job: the broadcast destroyed, and Θ no longer registered in this JVM. */
    void release() {
        broadcast.destroy();
        shared.unregister();
    }
}
