package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate, predict, inspect and theta on a model trained from the shipped iris config. */
class ModelCommandsTest {

    @TempDir
    static Path dir;
    private static Path model;
    private static String trainingSummary;

    @BeforeAll
    static void trainIris() {
        SharedSpark.session();
        model = dir.resolve("iris");
        CliRun run = CliRun.of("train", "conf/iris.properties", "--epochs", "150", "--output", model.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\\R");
        trainingSummary = lines[lines.length - 1];
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    @Test
    void evaluateMatchesTheTrainingSummaryAndShowsTheConfusionMatrix() {
        CliRun table = CliRun.of("evaluate", model.toString(), "sample-data/iris/test.csv");
        assertEquals(Main.EXIT_OK, table.exitCode(), table.err());
        assertTrue(table.out().contains("confusion matrix (rows: actual, columns: predicted)"), table.out());
        assertTrue(table.out().contains("Iris-setosa") || table.out().contains("\n0 "), table.out());
        CliRun json = CliRun.of("evaluate", model.toString(), "sample-data/iris/test.csv", "--json");
        assertEquals(Main.EXIT_OK, json.exitCode(), json.err());
        assertEquals(field(trainingSummary, "test_accuracy"), field(json.out(), "accuracy"));
        assertEquals(field(trainingSummary, "test_cost"), field(json.out(), "cost"));
        assertTrue(json.out().contains("\"confusion_matrix\":[["), json.out());
        assertFalse(SharedSpark.session().sparkContext().isStopped(), "a joined session is left running");
    }

    /** The course exercise: J(Θ) at a chosen λ, the data cost plus λ/(2m) ΣΘ² over DATA's m = 120 rows. */
    @Test
    void evaluateWithALambdaGivesTheRegularizedCostAtTheModelsWeights() throws IOException {
        CliRun json = CliRun.of("evaluate", model.toString(), "sample-data/iris/train.csv", "--json", "--lambda", "2");
        assertEquals(Main.EXIT_OK, json.exitCode(), json.err());
        Model trained = ModelStore.load(model.toString(), new Configuration());
        double squares = Objective.sumOfSquaredWeights(trained.spec(), trained.theta());
        double dataCost = Double.parseDouble(field(json.out(), "data_cost"));
        assertEquals(dataCost + 2.0 / (2 * 120) * squares, Double.parseDouble(field(json.out(), "cost")), 2e-6);
        assertEquals("2.0", field(json.out(), "lambda"));
        CliRun plain = CliRun.of("evaluate", model.toString(), "sample-data/iris/train.csv", "--json");
        assertEquals(field(plain.out(), "cost"), field(json.out(), "data_cost"));
        assertFalse(plain.out().contains("data_cost"), "without --lambda the cost is the data cost: " + plain.out());
        CliRun table = CliRun.of("evaluate", model.toString(), "sample-data/iris/train.csv", "--lambda", "2");
        assertTrue(table.out().contains("  (J at lambda 2.0: data cost " + String.format(java.util.Locale.ROOT, "%.6f",
                dataCost)), table.out());
        CliRun negative = CliRun.of("evaluate", model.toString(), "sample-data/iris/train.csv", "--lambda", "-1");
        assertEquals(Main.EXIT_USAGE, negative.exitCode());
        assertEquals("sparkprop: error: --lambda -1.0: must be a finite number >= 0", negative.err().strip());
    }

    @Test
    void predictWritesOneRowPerInputRowInOrder() throws IOException {
        Path out = dir.resolve("scores");
        CliRun run = CliRun.of("predict", model.toString(), "sample-data/iris/test.csv", "--out", out.toString(),
                "--partitions", "3");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertEquals("{\"rows\":30,\"output\":\"" + out + "\"}", run.out().strip());
        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> lines = Files.readAllLines(part);
                assertTrue(lines.get(0).startsWith("line,label,prediction,p_"), lines.get(0));
                rows.addAll(lines.subList(1, lines.size()));
            }
        }
        assertEquals(30, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Integer.toString(i + 2), rows.get(i).split(",")[0], "row " + i + " in input order");
        }
        CliRun again = CliRun.of("predict", model.toString(), "sample-data/iris/test.csv", "--out", out.toString());
        assertEquals(Main.EXIT_FAILED, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void predictWritesParquetToo() {
        Path out = dir.resolve("scores.parquet");
        CliRun run = CliRun.of("predict", model.toString(), "sample-data/iris/test.libsvm", "--out", out.toString(),
                "--out-format", "parquet");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        var rows = SharedSpark.session().read().parquet(out.toString());
        assertEquals(30, rows.count());
        assertEquals(List.of("line", "label", "prediction", "p_0", "p_1", "p_2"), List.of(rows.columns()));
    }

    @Test
    void inspectShowsHeaderShapesAndTheta() {
        CliRun run = CliRun.of("inspect", model.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("network     4-8:tanh-3:softmax"), run.out());
        assertTrue(run.out().contains("parameters  67"), run.out());
        assertTrue(run.out().contains("Theta(1)    8 x 5"), run.out());
        assertTrue(run.out().contains("# Theta(2): 3 x 9, bias first"), run.out());
        assertTrue(run.out().contains("config.seed = 1"), run.out());
    }

    @Test
    void theNotesXorNetworkImportedFromTextPredictsItsTruthTable() throws IOException {
        Path text = dir.resolve("xor.theta");
        Files.writeString(text, "# network: 2-2:sigmoid-1:sigmoid\n-10 20 20\n30 -20 -20\n\n-30 20 20\n");
        Path xor = dir.resolve("xor-model");
        CliRun imported = CliRun.of("theta", "import", text.toString(), "--output", xor.toString());
        assertEquals(Main.EXIT_OK, imported.exitCode(), imported.err());
        CliRun evaluated = CliRun.of("evaluate", xor.toString(), "sample-data/logic-gates/xor.csv", "--json");
        assertEquals(Main.EXIT_OK, evaluated.exitCode(), evaluated.err());
        assertEquals("1.0", field(evaluated.out(), "accuracy"));
        CliRun exported = CliRun.of("theta", "export", xor.toString());
        assertTrue(exported.out().contains("30.0 -20.0 -20.0"), exported.out());
    }

    @Test
    void badModelsAndMismatchedDataAreOneLine() throws IOException {
        CliRun missing = CliRun.of("evaluate", dir.resolve("nope").toString(), "sample-data/iris/test.csv");
        assertEquals(Main.EXIT_FAILED, missing.exitCode());
        assertEquals("sparkprop: error: " + dir.resolve("nope") + ": no such model file or directory",
                missing.err().strip());
        Path notModel = dir.resolve("not-a-model.sparkprop");
        Files.writeString(notModel, "hello\n");
        CliRun foreign = CliRun.of("inspect", notModel.toString());
        assertTrue(foreign.err().strip().endsWith("not a sparkprop model (no 'sparkprop-model' header)"), foreign.err());
        CliRun wrongWidth = CliRun.of("evaluate", model.toString(), "sample-data/logic-gates/xor.csv");
        assertEquals(Main.EXIT_FAILED, wrongWidth.exitCode());
        assertTrue(wrongWidth.err().contains("xor.csv"), wrongWidth.err());
        assertFalse(wrongWidth.err().strip().contains("\n"), wrongWidth.err());
    }
}
