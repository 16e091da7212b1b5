package dev.sparkprop.spark;

import dev.sparkprop.linalg.DoubleArrays;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Θ as a step broadcasts it to the executors: the driver's own copy, which the optimizer does
 * not touch while the step runs, serialized as bulk bytes ({@link DoubleArrays}) rather than one
 * double at a time.
 *
 * <p>{@link #inThisJvm} registers it in a table of this JVM; it is then serialized as the number
 * it is registered under, and read back as the registered object, while it stays registered
 * ({@link ThetaShipment}: local mode, where every task runs in the driver's JVM).
 *
 * <p>Partitions of float examples ({@code precision = float}) read Θ rounded to float: one copy
 * per executor and step, made by the first task that asks and shared by the executor's other
 * tasks (the broadcast value is one object per executor). It is not serialized.
 */
public final class SharedTheta implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Java serialization writes no field by itself; {@link #writeObject} writes Θ. Kryo writes the field. */
    private static final ObjectStreamField[] serialPersistentFields = {};

    /** Θ by the number it is registered under; see {@link #inThisJvm}. */
    private static final Map<Long, SharedTheta> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicLong NUMBERS = new AtomicLong();

    private double[] values;
    private transient volatile float[] floatValues;
    /** The number this object is registered under, 0 if it is not. */
    private transient long number;

    /** A copy of {@code theta}, taken now. */
    public SharedTheta(double[] theta) {
        this.values = theta.clone();
    }

    /** Θ; executors read it and never write it. */
    public double[] values() {
        return values;
    }

    /** Θ rounded to float, made once (by whichever task asks first; all get the same values). */
    public float[] floatValues() {
        float[] rounded = floatValues;
        if (rounded == null) {
            rounded = DoubleArrays.toFloat(values);
            floatValues = rounded;
        }
        return rounded;
    }

    /**
     * Registers this object in this JVM and returns it: from now until {@link #unregister} it is
     * serialized as its number alone, which only this JVM can read back.
     */
    SharedTheta inThisJvm() {
        if (number == 0) {
            number = NUMBERS.incrementAndGet();
            REGISTERED.put(number, this);
        }
        return this;
    }

    /** Ends {@link #inThisJvm}; nothing if it was not registered. */
    void unregister() {
        if (number != 0) {
            REGISTERED.remove(number);
            number = 0;
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeLong(number);
        if (number == 0) {
            DoubleArrays.write(out, values);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        long registered = in.readLong();
        if (registered == 0) {
            values = DoubleArrays.read(in);
            return;
        }
        SharedTheta shared = REGISTERED.get(registered);
        if (shared == null) {
            throw new IOException("Θ number " + registered + " is registered in the JVM that wrote it, not in this"
                    + " one, or no longer: it travels as a number only within local mode's JVM, during its job");
        }
        values = shared.values;
    }
}
