package dev.sparkprop.job;

import dev.sparkprop.train.TrainConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.DataFormatException;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import dev.sparkprop.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train job end to end on a real local Spark session and real files. */
class TrainingJobTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }

    private Map<String, String> xorConfig() throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("network", "2-4:sigmoid-1:sigmoid");
        config.put("train", write("xor.csv", "label,x1,x2", "0,0,0", "1,0,1", "1,1,0", "0,1,1").toString());
        config.put("init", "uniform:1.0");
        config.put("learning-rate", "3");
        config.put("epochs", "150");
        config.put("partitions", "2");
        config.put("output", dir.resolve("out").toString());
        return config;
    }

    private static TrainingSummary train(Map<String, String> config, ByteArrayOutputStream log) {
        return TrainingJob.run(SharedSpark.session(), TrainConfig.fromMap(config), new PrintStream(log, true));
    }

    @Test
    void learnsXorAndWritesModelAndMetrics() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingSummary summary = train(xorConfig(), log);
        assertEquals(1.0, summary.get("train_accuracy"));
        assertEquals(150, summary.get("epochs"));
        assertEquals(150L, summary.get("steps"));
        assertTrue(summary.toJson().startsWith("{\"epochs\":150,"), summary.toJson());
        assertTrue(log.toString().contains("epoch 150/150  cost "), log.toString());

        Path out = dir.resolve("out");
        assertEquals(150, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        for (String picture : List.of("learning-curves.png", "hidden-units.png", "confusion-matrix.png",
                "decision-boundary.png", "report.html")) {
            assertTrue(Files.size(out.resolve(picture)) > 100, picture + " is written with the model");
        }
        Model model;
        try (InputStream in = Files.newInputStream(out.resolve("model.sparkprop"))) {
            model = ModelFile.read(in, "model.sparkprop");
        }
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], model.predict(inputs[i])[0] >= 0.5 ? 1 : 0);
        }
        assertEquals("2-4:sigmoid-1:sigmoid", model.provenance().config().get("network"));
        assertEquals("1.0", model.provenance().metrics().get("train_accuracy"));
    }

    @Test
    void labelOutsideTheClassesNamesFileAndLineAndWritesNothing() throws IOException {
        Map<String, String> config = xorConfig();
        Path bad = write("bad.csv", "label,x1,x2", "0,0,0", "1,0,1", "2,1,0", "0,1,1");
        config.put("train", bad.toString());
        DataFormatException e = assertThrows(DataFormatException.class, () -> train(config, new ByteArrayOutputStream()));
        assertEquals(bad + ":4: label 2 is outside 0..1 (the output layer has 2 classes)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void divergingCostStopsWithoutWritingAModel() throws IOException {
        Map<String, String> config = xorConfig();
        config.put("network", "2-4:relu-1:linear");
        config.put("train", write("y.csv", "y,x1,x2", "0,0,0", "10,0,1", "10,1,0", "0,1,1").toString());
        config.put("learning-rate", "1e6");
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> train(config, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("training stopped and no model was written"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(List.of("xor.csv", "y.csv"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() throws IOException {
        Map<String, String> config = xorConfig();
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(config, new ByteArrayOutputStream()));
        assertEquals("output=" + dir.resolve("out") + ": already exists; choose another directory or set overwrite=true",
                e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("out/keep.txt")));
        config.put("overwrite", "true");
        config.put("epochs", "2");
        train(config, new ByteArrayOutputStream());
        assertTrue(Files.exists(dir.resolve("out/model.sparkprop")));
        assertFalse(Files.exists(dir.resolve("out/keep.txt")));
    }

    @Test
    void namedClassesRegressionAndTestSets() throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("network", "2-3:tanh-2:softmax");
        config.put("train", write("named.csv", "x1,kind,x2", "0,low,0", "5,high,5", "0.5,low,1", "6,high,4").toString());
        config.put("label-column", "kind");
        config.put("test", write("named-test.csv", "x1,kind,x2", "1,low,0", "5,high,6").toString());
        config.put("scaling", "standardize");
        config.put("learning-rate", "0.5");
        config.put("epochs", "50");
        config.put("output", dir.resolve("named").toString());
        TrainingSummary summary = train(config, new ByteArrayOutputStream());
        assertEquals(1.0, summary.get("test_accuracy"));

        config.put("network", "1-1:linear");
        config.put("train", write("line.libsvm", "1 1:0", "3 1:1", "5 1:2", "7 1:3").toString());
        config.put("test", write("line-test.libsvm", "9 1:4").toString());
        config.remove("label-column");
        config.put("scaling", "none");
        config.put("learning-rate", "0.15");
        config.put("epochs", "300");
        config.put("output", dir.resolve("line").toString());
        TrainingSummary line = train(config, new ByteArrayOutputStream());
        assertTrue((Double) line.get("train_rmse") < 1e-3, line.toJson());
        assertTrue((Double) line.get("test_rmse") < 1e-2, line.toJson());
    }
}
