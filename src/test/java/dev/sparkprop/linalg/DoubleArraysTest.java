package dev.sparkprop.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.spark.SharedTheta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

class DoubleArraysTest {

    /** The serializers a Spark job may ship Θ and Δ with: Java's (the default) and Kryo. */
    private static final SerializerInstance[] SERIALIZERS = {
        new JavaSerializer(new SparkConf()).newInstance(), new KryoSerializer(new SparkConf()).newInstance()};

    @Test
    void roundTripsEveryBitOfArraysOfAnyLength() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        // Empty, shorter than a chunk, exactly a chunk, a chunk and a bit, several chunks.
        for (int length : new int[] {0, 1, 5, 8192, 8193, 3 * 8192 + 17}) {
            double[] values = random.doubles(length, -1e6, 1e6).toArray();
            if (length >= 5) {
                values[0] = Double.NaN;
                values[1] = -0.0;
                values[2] = Double.NEGATIVE_INFINITY;
                values[3] = Double.MIN_VALUE;
                values[4] = Double.longBitsToDouble(0x7ff8_0000_0000_1234L); // a NaN with a payload
            }
            double[] back = roundTrip(values);
            assertEquals(length, back.length);
            for (int i = 0; i < length; i++) {
                assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back[i]),
                        "element " + i + " of " + length);
            }
        }
        assertNull(roundTrip(null));
    }

    @Test
    void writesLittleEndianBytesAfterTheLength() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            DoubleArrays.write(out, new double[] {1.0});
        }
        byte[] written = bytes.toByteArray();
        // The stream ends with the block: int length 1 (big-endian, Java's), one segment of no zeros
        // and 1 element, then 1.0 little-endian.
        byte[] tail = java.util.Arrays.copyOfRange(written, written.length - 20, written.length);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f}, tail);
    }

    @Test
    void runsOfZerosRoundTripExactlyAndTravelAsTheirLength() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        // A Δ^(1) over sparse input: 2^20 elements of which 300 columns of 32 are set, plus short
        // zero runs inside them, -0.0 (which must come back negative) and zeros at both ends.
        double[] values = new double[1 << 20];
        for (int column = 0; column < 300; column++) {
            int start = 32 * random.nextInt(values.length / 32);
            for (int i = 0; i < 32; i++) {
                values[start + i] = i % 5 == 0 ? 0.0 : random.nextDouble(-1, 1);
            }
        }
        values[values.length / 2] = -0.0;
        values[values.length - 3] = 7.5;
        for (int length : new int[] {values.length, 31, 32, 33, 100}) {
            double[] part = java.util.Arrays.copyOf(values, length);
            double[] back = roundTrip(part);
            for (int i = 0; i < length; i++) {
                assertEquals(Double.doubleToRawLongBits(part[i]), Double.doubleToRawLongBits(back[i]),
                        "element " + i + " of " + length);
            }
        }
        for (double[] allZero : new double[][] {new double[1], new double[31], new double[32], new double[100_000]}) {
            assertArrayEquals(allZero, roundTrip(allZero));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            DoubleArrays.write(out, values);
        }
        // 8 MB of doubles; about 300 x 32 of them set: under 100 KB on the wire.
        assertTrue(bytes.size() < 100_000, bytes.size() + " bytes");
    }

    @Test
    void segmentsThatOverrunTheArrayAreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(10); // length 10
            out.writeInt(4); // 4 zeros
            out.writeInt(7); // and 7 elements: 11 > 10
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            IOException refused = assertThrows(IOException.class, () -> DoubleArrays.read(in));
            assertEquals("a segment of 4 zeros and 7 elements at element 0 overruns an array of 10", refused.getMessage());
        }
    }

    @Test
    void gradientSumsSurviveSparksSerializersWithTheirAccumulatorsIntact() {
        GradientSum sum = new GradientSum();
        double[] accumulators = sum.accumulators(20_000);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Math.sin(i) * 1e-3;
        }
        sum.addExamples(12.5, 7);
        sum.addCorrect(6);
        sum.addComputeNanos(42);
        for (SerializerInstance serializer : SERIALIZERS) {
            GradientSum back = roundTrip(serializer, sum, GradientSum.class);
            assertArrayEquals(accumulators, back.accumulators(), serializer.getClass().getSimpleName());
            assertEquals(12.5, back.cost());
            assertEquals(7, back.count());
            assertEquals(6, back.correct());
            assertEquals(42, back.computeNanos());
        }
        assertNull(roundTrip(SERIALIZERS[0], new GradientSum(), GradientSum.class).accumulators());
    }

    @Test
    void aBroadcastThetaSurvivesSparksSerializersAsACopy() {
        double[] theta = new SplittableRandom(9).doubles(10_001).toArray();
        SharedTheta shared = new SharedTheta(theta);
        theta[0] = 42; // the broadcast took a copy: later updates on the driver do not reach it
        for (SerializerInstance serializer : SERIALIZERS) {
            SharedTheta back = roundTrip(serializer, shared, SharedTheta.class);
            assertArrayEquals(shared.values(), back.values(), serializer.getClass().getSimpleName());
            assertEquals(new SplittableRandom(9).nextDouble(), back.values()[0]);
        }
    }

    /** Through one of Spark's serializers and back. */
    private static <T> T roundTrip(SerializerInstance serializer, T value, Class<T> type) {
        ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
        return serializer.deserialize(serializer.serialize(value, tag), tag);
    }

    private static double[] roundTrip(double[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            DoubleArrays.write(out, values);
            out.writeInt(0x5eed); // what follows must still be in place
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            double[] back = DoubleArrays.read(in);
            assertEquals(0x5eed, in.readInt());
            return back;
        }
    }
}
