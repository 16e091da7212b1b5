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
 *
 * <p>Runs of zeros are sent as their length. A partition's Δ^(1) over sparse input is zero in
 * every column of a feature its examples do not hold: for {@code conf/debian-packages} (2^18
 * features, 7 set a row) a task's 512 examples touch at most 1.4% of the columns, so its Δ, 67 MB
 * of doubles, goes back as about 1 MB. Dense arrays cost one extra test per element.
 */
public final class DoubleArrays {

    /**
     * The shortest run of zeros that is skipped rather than written: 256 bytes, against the 8 a
     * segment's header costs.
     */
    private static final int ZERO_RUN = 32;

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

    /**
     * Writes {@code values} (or null) as its length (-1 for null) and then its elements, as
     * segments: a run of zeros skipped (its length only) and a run of elements written out. Only
     * runs of at least {@link #ZERO_RUN} positive zeros are skipped; shorter ones, and every -0.0,
     * are written as elements, so the bits read back are the bits written.
     */
    public static void write(ObjectOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(1, values.length))];
        DoubleBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        int at = 0;
        while (at < values.length) {
            int zeros = zeroRun(values, at);
            at += zeros;
            int end = at;
            while (end < values.length) {
                int run = zeroRun(values, end);
                if (run >= ZERO_RUN || end + run == values.length) {
                    break;
                }
                end += Math.max(run, 1);
            }
            out.writeInt(zeros);
            out.writeInt(end - at);
            for (int from = at; from < end; from += CHUNK) {
                int count = Math.min(CHUNK, end - from);
                chunk.clear();
                chunk.put(values, from, count);
                out.write(bytes, 0, 8 * count);
            }
            at = end;
        }
    }

    /** Reads what {@link #write} wrote: a new array, or null; segments that do not add up are refused. */
    public static double[] read(ObjectInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        double[] values = new double[length];
        byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(1, length))];
        DoubleBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        int at = 0;
        while (at < length) {
            int zeros = in.readInt();
            int elements = in.readInt();
            if (zeros < 0 || elements < 0 || (long) at + zeros + elements > length) {
                throw new IOException("a segment of " + zeros + " zeros and " + elements + " elements at element " + at
                        + " overruns an array of " + length);
            }
            at += zeros;
            for (int end = at + elements; at < end; ) {
                int count = Math.min(CHUNK, end - at);
                in.readFully(bytes, 0, 8 * count);
                chunk.clear();
                chunk.get(values, at, count);
                at += count;
            }
        }
        return values;
    }

    /** How many positive zeros (all 64 bits clear) start at {@code from}. */
    private static int zeroRun(double[] values, int from) {
        int end = from;
        while (end < values.length && Double.doubleToRawLongBits(values[end]) == 0L) {
            end++;
        }
        return end - from;
    }
}
