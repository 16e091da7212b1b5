package dev.sparkprop.spark;

import dev.sparkprop.linalg.DoubleArrays;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;

/**
 * Θ as a step broadcasts it to the executors: the driver's own copy, which the optimizer does
 * not touch while the step runs, serialized as bulk bytes ({@link DoubleArrays}) rather than one
 * double at a time.
 *
 * <p>Partitions of float examples ({@code precision = float}) read Θ rounded to float: one copy
 * per executor and step, made by the first task that asks and shared by the executor's other
 * tasks (the broadcast value is one object per executor). It is not serialized.
 */
public final class SharedTheta implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Java serialization writes no field by itself; {@link #writeObject} writes Θ. Kryo writes the field. */
    private static final ObjectStreamField[] serialPersistentFields = {};

    private double[] values;
    private transient volatile float[] floatValues;

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

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        DoubleArrays.write(out, values);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        values = DoubleArrays.read(in);
    }
}
