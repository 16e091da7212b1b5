package dev.sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ModelFileTest {

    /** A small iris-shaped model: named classes, standardization, a tanh layer. */
    public static Model irisLikeModel() {
        NetworkSpec spec = NetworkSpec.parse("4-5:tanh-3:softmax");
        double[] theta = Initialization.parse("xavier").initialize(spec, 2026);
        LabelIndex labels = new LabelIndex(List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica"), false);
        FeatureScaling scaling = new FeatureScaling(FeatureScaling.Kind.STANDARDIZE,
                new double[] {5.84, 3.05, 3.76, 1.2}, new double[] {1 / 0.83, 1 / 0.43, 1 / 1.76, 1 / 0.76});
        Map<String, String> info = new LinkedHashMap<>();
        info.put("config.network", spec.toString());
        info.put("note", "a value with = signs, 100% spaces, commas, + and\na newline");
        return new Model(spec, theta, labels, scaling, info);
    }

    private static byte[] bytes(Model model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(model, out);
        return out.toByteArray();
    }

    private static Model read(byte[] bytes) throws IOException {
        return ModelFile.read(new ByteArrayInputStream(bytes), "m.sparkprop");
    }

    @Test
    void roundTripIsExact() throws IOException {
        Model model = irisLikeModel();
        Model back = read(bytes(model));
        assertArrayEquals(model.theta(), back.theta(), 0.0);
        assertEquals(model.labels(), back.labels());
        assertEquals(model.info(), back.info());
        assertArrayEquals(model.scaling().factor(), back.scaling().factor(), 0.0);
        double[] x = {6.1, 2.8, 4.7, 1.2};
        assertArrayEquals(model.predict(x), back.predict(x), 0.0);
    }

    @Test
    void extraArraysRoundTrip() throws IOException {
        Map<String, double[]> extras = new LinkedHashMap<>();
        extras.put("optimizer.0", new double[] {1.5, -2.25});
        extras.put("odd,name:x", new double[] {Math.PI});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(irisLikeModel(), extras, out);
        ModelFile.Contents back = ModelFile.readContents(new ByteArrayInputStream(out.toByteArray()), "c");
        assertEquals(List.of("optimizer.0", "odd,name:x"), List.copyOf(back.extras().keySet()));
        assertArrayEquals(new double[] {1.5, -2.25}, back.extras().get("optimizer.0"), 0.0);
        assertArrayEquals(new double[] {Math.PI}, back.extras().get("odd,name:x"), 0.0);
        assertArrayEquals(irisLikeModel().theta(), back.model().theta(), 0.0);
    }

    @Test
    void headerIsReadableText() throws IOException {
        String text = new String(bytes(irisLikeModel()), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("sparkprop-model 1\nnetwork=4-5:tanh-3:softmax\n"
                + "labels=Iris-setosa,Iris-versicolor,Iris-virginica\n"), text.substring(0, 120));
    }

    @Test
    void corruptingAnyOfManyBytesIsRefused() throws IOException {
        byte[] good = bytes(irisLikeModel());
        int[] positions = {0, 5, 17, 40, 100, good.length / 2, good.length - 80, good.length - 30, good.length - 2};
        for (int position : positions) {
            byte[] bad = good.clone();
            bad[position] ^= 0x10;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bad),
                    "flipped byte " + position);
            assertTrue(e.getMessage().startsWith("m.sparkprop: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] good = bytes(irisLikeModel());
        for (int length : new int[] {0, 10, 200, good.length / 2, good.length - 1}) {
            byte[] cut = Arrays.copyOf(good, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(cut));
            assertTrue(e.getMessage().startsWith("m.sparkprop: "), e.getMessage());
        }
    }

    @Test
    void foreignAndFutureFilesAreRefused() throws IOException {
        assertEquals("m.sparkprop: not a sparkprop model (no 'sparkprop-model' header)",
                assertThrows(IllegalArgumentException.class,
                        () -> read("label,x1\n0,1\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        String text = new String(bytes(irisLikeModel()), StandardCharsets.ISO_8859_1);
        String body = text.substring(0, text.lastIndexOf("\nsha256=")).replaceFirst("sparkprop-model 1", "sparkprop-model 9");
        byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
        String checksum = java.util.HexFormat.of().formatHex(sha256(bodyBytes));
        byte[] future = (body + "\nsha256=" + checksum + "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("m.sparkprop: format version 9 is not supported (this build reads 1..1)",
                assertThrows(IllegalArgumentException.class, () -> read(future)).getMessage());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A model written by format version 1 and committed: every later build must load it and
     * predict the same numbers. (Regenerate only with a new format version, never to make this pass.)
     */
    @Test
    void goldenVersionOneModelStillLoadsAndPredicts() throws IOException {
        Model golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/iris-v1.sparkprop")) {
            golden = ModelFile.read(in, "iris-v1.sparkprop");
        }
        assertEquals("4-5:tanh-3:softmax", golden.spec().toString());
        assertEquals("Iris-versicolor", golden.labels().name(1));
        double[] outputs = golden.predict(new double[] {6.1, 2.8, 4.7, 1.2});
        assertArrayEquals(GOLDEN_OUTPUTS, outputs, 1e-15);
    }

    static final double[] GOLDEN_OUTPUTS = {0.4741439739820239, 0.13667592583561988, 0.38918010018235605};
}
