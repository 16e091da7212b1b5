package dev.sparkprop.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of Θ as little-endian doubles in {@code NetworkSpec}'s layout: how the tests and the bench pin its bits. */
public final class ThetaDigest {

    private ThetaDigest() {
    }

    /** The digest of {@code theta}, in lower-case hex. */
    public static String sha256(double[] theta) {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * theta.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : theta) {
            bytes.putDouble(value);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
