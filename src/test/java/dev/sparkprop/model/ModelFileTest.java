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
import java.time.Instant;
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
        Provenance provenance = new Provenance(Map.of("network", spec.toString()), Map.of(), null, null, null, null,
                Map.of("note", "a value with = signs, 100% spaces, commas, + and\na newline"));
        return new Model(spec, theta, labels, scaling, provenance);
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
        assertEquals(model.provenance(), back.provenance());
        assertArrayEquals(model.scaling().factor(), back.scaling().factor(), 0.0);
        double[] x = {6.1, 2.8, 4.7, 1.2};
        assertArrayEquals(model.predict(x), back.predict(x), 0.0);
    }

    /** γ, β and the running statistics live in θ, so the file carries them and prediction after reading is the same. */
    @Test
    void aBatchNormalizedModelRoundTripsWithItsRunningStatistics() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("4-5:tanh:bn-3:softmax");
        double[] theta = Initialization.parse("xavier").initialize(spec, 2026);
        for (int i = 0; i < 5; i++) { // statistics as training leaves them, not the initial 0 and 1
            theta[spec.gammaOffset(2) + i] = 0.5 + i;
            theta[spec.runningMeanOffset(2) + i] = -0.25 * i;
            theta[spec.runningVarianceOffset(2) + i] = 2.0 + i;
        }
        Model model = new Model(spec, theta, irisLikeModel().labels(), irisLikeModel().scaling(), Provenance.NONE);
        byte[] file = bytes(model);
        assertTrue(new String(file, StandardCharsets.UTF_8).contains("network=4-5:tanh:bn-3:softmax\n"));
        Model back = read(file);
        assertEquals(spec, back.spec());
        assertArrayEquals(theta, back.theta(), 0.0);
        double[] x = {6.1, 2.8, 4.7, 1.2};
        assertArrayEquals(model.predict(x), back.predict(x), 0.0);
        theta[spec.runningMeanOffset(2)] += 1.0;
        assertTrue(model.predict(x)[0] != back.predict(x)[0], "prediction reads the running mean");
    }

    @Test
    void extraArraysRoundTrip() throws IOException {
        Map<String, double[]> extras = new LinkedHashMap<>();
        extras.put("optimizer.0", new double[] {1.5, -2.25});
        extras.put("odd,name:x", new double[] {Math.PI});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(new ModelFile.Contents(irisLikeModel(), Map.of(), extras), out);
        ModelFile.Contents back = ModelFile.readContents(new ByteArrayInputStream(out.toByteArray()), "c");
        assertEquals(List.of("optimizer.0", "odd,name:x"), List.copyOf(back.extras().keySet()));
        assertArrayEquals(new double[] {1.5, -2.25}, back.extras().get("optimizer.0"), 0.0);
        assertArrayEquals(new double[] {Math.PI}, back.extras().get("odd,name:x"), 0.0);
        assertArrayEquals(irisLikeModel().theta(), back.model().theta(), 0.0);
    }

    /**
     * A trained model's provenance and a checkpoint's position are {@code info.*} header lines
     * under the keys format 1 has always used, so files move between this build and older ones.
     */
    @Test
    void provenanceAndCheckpointKeepTheFormatOneHeaderKeys() throws IOException {
        Model iris = irisLikeModel();
        Provenance made = new Provenance(Map.of("network", "4-5:tanh-3:softmax", "lambda", "0.1"),
                Map.of("train_cost", "0.25"), "0.1.0", "3.5.7", "17.0.15", Instant.parse("2025-01-31T12:00:00Z"),
                Map.of());
        Model model = new Model(iris.spec(), iris.theta(), iris.labels(), iris.scaling(), made);
        Map<String, String> position = new LinkedHashMap<>();
        position.put("epoch", "3");
        position.put("metrics.0", "{\"epoch\":1}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(new ModelFile.Contents(model, position, Map.of()), out);

        String text = out.toString(StandardCharsets.ISO_8859_1);
        String header = text.substring(text.indexOf("info."), text.indexOf("binary\n"));
        assertEquals(List.of("info.config.", "info.config.", "info.sparkprop.version=0.1.0", "info.spark.version=3.5.7",
                "info.java.version=17.0.15", "info.created=2025-01-31T12:00:00Z", "info.metrics.train_cost=0.25",
                "info.checkpoint.epoch=3", "info.checkpoint.metrics.0={\"epoch\":1}"),
                header.lines().map(line -> line.startsWith("info.config.") ? "info.config." : line).toList());
        ModelFile.Contents back = ModelFile.readContents(new ByteArrayInputStream(out.toByteArray()), "c");
        assertEquals(made, back.model().provenance());
        assertEquals(position, back.checkpoint());
    }

    @Test
    void aNoteCannotPassForAnotherPartOfTheHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Provenance(Map.of(),
                Map.of(), null, null, null, null, Map.of("checkpoint.epoch", "1")));
        assertEquals("note 'checkpoint.epoch' has a key reserved for the model header; pick another name",
                e.getMessage());
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
        assertEquals(Map.of("network", "4-5:tanh-3:softmax"), golden.provenance().config());
        assertEquals(Map.of("note", "a value with = signs, 100% spaces, commas, + and\na newline"),
                golden.provenance().notes());
        double[] outputs = golden.predict(new double[] {6.1, 2.8, 4.7, 1.2});
        assertArrayEquals(GOLDEN_OUTPUTS, outputs, 1e-15);
    }

    static final double[] GOLDEN_OUTPUTS = {0.4741439739820239, 0.13667592583561988, 0.38918010018235605};
}
