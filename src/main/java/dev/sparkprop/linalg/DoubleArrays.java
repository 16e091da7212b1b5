package dev.sparkprop.linalg;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Writes and reads large {@code double[]} inside Java serialization as bulk little-endian bytes.
 *
 * <p>Every training step ships Θ to the executors and a Δ of the same size back from each
 * partition (1.9 MB each for 784-256-128-10). Java serialization writes a {@code double[]} one
 * element at a time through its block buffer; converting through a {@link ByteBuffer} in 64 KB
 * chunks does the same work as bulk copies, about twice as fast each way. The bytes are
 * little-endian whatever the machine, so a driver and executors of different byte order agree.
 */
public final class DoubleArrays {

    /** Doubles converted per chunk: 64 KB of bytes. */
    private static final int CHUNK = 8192;

    private DoubleArrays() {
    }

    /** {@code values} rounded to the nearest floats: a new array. */
    public static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** Writes {@code values} (or null) as its length (-1 for null) and then its elements. */
    public static void write(ObjectOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        byte[] bytes = new byte[8 * Math.min(CHUNK, values.length)];
        DoubleBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            chunk.clear();
            chunk.put(values, from, count);
            out.write(bytes, 0, 8 * count);
        }
    }

    /** Reads what {@link #write} wrote: a new array, or null. */
    public static double[] read(ObjectInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        double[] values = new double[length];
        byte[] bytes = new byte[8 * Math.min(CHUNK, length)];
        DoubleBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        for (int from = 0; from < length; from += CHUNK) {
            int count = Math.min(CHUNK, length - from);
            in.readFully(bytes, 0, 8 * count);
            chunk.clear();
            chunk.get(values, from, count);
        }
        return values;
    }
}
