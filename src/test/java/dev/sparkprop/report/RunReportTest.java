package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.RunOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path dir;

    private static RunReport.Contents xorContents() {
        return new RunReport.Contents(ReportFixtures.xorNotes(), LearningCurvesTest.epochs(8, 0.7),
                new ConfusionMatrix("train", List.of("0", "1"), new long[][] {{2, 0}, {0, 2}}),
                ReportFixtures.xorRows());
    }

    @Test
    void aTwoInputClassifierGetsEveryPictureAndOnePage() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> written = RunReport.write(xorContents(), FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(dir.toUri()), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(List.of(RunReport.LEARNING_CURVES, RunReport.HIDDEN_UNITS, RunReport.CONFUSION_MATRIX,
                RunReport.DECISION_BOUNDARY, RunReport.CONFUSION_COUNTS, RunReport.HTML), written);
        ConfusionMatrix counts = RunPage.readConfusion(Files.readString(dir.resolve(RunReport.CONFUSION_COUNTS)),
                RunReport.CONFUSION_COUNTS);
        assertEquals(xorContents().confusion().classNames(), counts.classNames());
        assertTrue(java.util.Arrays.deepEquals(xorContents().confusion().counts(), counts.counts()),
                "confusion.json reads back as the counts written");
        assertEquals("", log.toString(StandardCharsets.UTF_8));
        Images.assertPicture(Files.readAllBytes(dir.resolve(RunReport.LEARNING_CURVES)), LearningCurves.WIDTH,
                2 * LearningCurves.PANEL_HEIGHT, 20);
        Images.assertPicture(Files.readAllBytes(dir.resolve(RunReport.CONFUSION_MATRIX)), ConfusionHeatMap.WIDTH,
                ConfusionHeatMap.HEIGHT, 20);
        Images.assertPicture(Files.readAllBytes(dir.resolve(RunReport.DECISION_BOUNDARY)), DecisionBoundary.WIDTH,
                DecisionBoundary.HEIGHT, 50);
        Images.decode(Files.readAllBytes(dir.resolve(RunReport.HIDDEN_UNITS)));

        String html = Files.readString(dir.resolve(RunReport.HTML));
        List<byte[]> embedded = embeddedImages(html);
        assertEquals(4, embedded.size(), "one embedded image per picture");
        for (byte[] png : embedded) {
            Images.decode(png);
        }
        assertTrue(html.contains("<th>learning-rate</th><td>0.5</td>"), "the config as a table");
        assertTrue(html.contains("<th>train_accuracy</th><td>1.0</td>"), "the final metrics as a table");
        assertTrue(html.contains("2-2:sigmoid-1:sigmoid"), "the network");
        assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(html).find(), "only data: URIs: self-contained");
        assertFalse(html.contains("<link") || html.contains("<script src"), "no linked files or scripts");
        assertTrue(html.contains(RunPage.resource(RunPage.SCRIPT)), "the live page's own script draws the page");
        assertTrue(html.contains("SparkpropPage.draw({\"title\":\"sparkprop: 2-2:sigmoid-1:sigmoid\",\"status\":\"done\""),
                "from the finished run's state");
    }

    @Test
    void aWideRegressionModelWithoutConfusionGetsCurvesAndHiddenUnitsOnly() throws IOException {
        Model model = ReportFixtures.random("16-6:tanh-1:linear", 4);
        List<String> lines = List.of("{\"epoch\":1,\"train_cost\":2.0,\"train_rmse\":2.0}",
                "{\"epoch\":2,\"train_cost\":1.0,\"train_rmse\":1.4}");
        List<String> written = RunReport.write(new RunReport.Contents(model, lines, null, null),
                FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), System.err);
        assertEquals(List.of(RunReport.LEARNING_CURVES, RunReport.HIDDEN_UNITS, RunReport.HTML), written);
        assertEquals(2, embeddedImages(Files.readString(dir.resolve(RunReport.HTML))).size());
    }

    @Test
    void aOneInputRegressionGetsItsFittedCurve() throws IOException {
        Model model = ReportFixtures.random("1-4:sigmoid-1:linear", 6);
        List<dev.sparkprop.data.RawExample> points = List.of(
                new dev.sparkprop.data.RawExample("sine.csv", 2, "0.5", new double[] {-1}),
                new dev.sparkprop.data.RawExample("sine.csv", 3, "-0.5", new double[] {1}));
        List<String> written = RunReport.write(new RunReport.Contents(model, LearningCurvesTest.epochs(3, 0.5), null,
                points), FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), System.err);
        assertEquals(List.of(RunReport.LEARNING_CURVES, RunReport.HIDDEN_UNITS, RunReport.FITTED_CURVE, RunReport.HTML),
                written);
        Images.assertPicture(Files.readAllBytes(dir.resolve(RunReport.FITTED_CURVE)), FittedCurve.WIDTH,
                FittedCurve.HEIGHT, 10);
    }

    @Test
    void anImageClassifierWithoutAHiddenLayerGetsItsExamplesAndClassTemplates() throws IOException {
        Model model = ReportFixtures.random("64-3:softmax", 7);
        List<dev.sparkprop.data.RawExample> images = List.of(
                new dev.sparkprop.data.RawExample("images.csv", 2, "1", new double[64]));
        List<String> written = RunReport.write(new RunReport.Contents(model, LearningCurvesTest.epochs(3, 0.5), null,
                images), FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), System.err);
        assertEquals(List.of(RunReport.LEARNING_CURVES, RunReport.TRAINING_EXAMPLES, RunReport.CLASS_TEMPLATES,
                RunReport.HTML), written);
        assertTrue(RunReport.takesImages(784) && !RunReport.takesImages(8));
    }

    @Test
    void aPictureThatFailsIsAWarningNotALostModel() {
        // One metrics line that is not JSON: the learning curves cannot be drawn, the rest can.
        RunReport.Contents contents = new RunReport.Contents(ReportFixtures.xorNotes(), List.of("{oops"), null,
                ReportFixtures.xorRows());
        List<String> notes = new ArrayList<>();
        List<Picture> pictures = RunReport.pictures(contents, notes);
        assertEquals(List.of(RunReport.HIDDEN_UNITS, RunReport.DECISION_BOUNDARY),
                pictures.stream().map(Picture::fileName).toList());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("report: could not draw learning-curves.png: "), notes.get(0));
        String html = HtmlReport.render(contents.model(), contents.metricsLines(), pictures, null, notes);
        assertTrue(html.contains("could not draw learning-curves.png"), "the page says what is missing");
    }

    @Test
    void theReportMovesIntoPlaceWithTheModelOrNotAtAll() throws IOException {
        Path output = dir.resolve("run");
        RunOutput run = RunOutput.prepare(output.toString(), false, new Configuration());
        RunReport.Contents contents = xorContents();
        run.write(contents.model(), contents.metricsLines(),
                (fs, staging) -> RunReport.write(contents, fs, staging, System.err));
        assertTrue(Files.isRegularFile(output.resolve(RunOutput.MODEL_FILE)));
        assertTrue(Files.size(output.resolve(RunReport.HTML)) > 10_000);
        assertTrue(Files.isRegularFile(output.resolve(RunReport.DECISION_BOUNDARY)));

        Path failed = dir.resolve("failed");
        RunOutput refused = RunOutput.prepare(failed.toString(), false, new Configuration());
        assertThrows(IOException.class, () -> refused.write(contents.model(), contents.metricsLines(),
                (fs, staging) -> {
                    throw new IOException("disk full");
                }));
        assertFalse(Files.exists(failed), "nothing under the output path");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".failed")), "no staging left");
        }
    }

    private static List<byte[]> embeddedImages(String html) {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<byte[]> images = new ArrayList<>();
        while (m.find()) {
            images.add(Base64.getDecoder().decode(m.group(1)));
        }
        return images;
    }
}
