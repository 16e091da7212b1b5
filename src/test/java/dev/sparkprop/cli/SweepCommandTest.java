package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkprop sweep} on iris, each way of making the validation set once, small: 20
 * full-batch epochs, two to four candidates. The sweep itself checks that its table's metric equals the one Spark's tuning
 * chose on ({@code SweepValidation}), so a run that ends with exit code 0 has passed that too.
 */
class SweepCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "network=4-3:tanh-3:softmax,4-8:tanh-3:softmax";

    @BeforeAll
    static void joinSharedSpark() {
        SharedSpark.session(); // the command joins it instead of starting its own
    }

    private static List<String> sweep(Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "conf/iris.properties", "--epochs", "20",
                "--output", output.toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    @Test
    void choosesOnAValidationFractionAndScoresTheChoiceOnceOnTheTestSet(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("sweep");

        CliRun run = CliRun.of(sweep(output, "--validation-fraction", "0.25", "--grid", NETWORKS,
                "--grid", "lambda=0,3").toArray(String[]::new));

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<Map<String, String>> rows = csv(output.resolve("sweep.csv"));
        assertEquals(4, rows.size(), "one row per candidate");
        Map<String, String> best = bestRow(rows, "validation_cost", false);
        JsonNode summary = JSON.readTree(lastLine(run.out()));
        assertEquals(best.get("candidate"), summary.get("best").asText());
        assertEquals("true", best.get("best"), "the row marked best has the least validation cost");
        assertTrue(run.out().contains("test set, scored once with the chosen model: accuracy "
                + summary.get("test_accuracy").asText()), run.out());
        assertTrue(Files.size(output.resolve("sweep.png")) > 1000, "the plot");
        assertEquals(4, Files.readAllLines(output.resolve("metrics.jsonl")).size());

        Model model = read(output.resolve("model.sparkprop"));
        assertEquals(best.get("network"), model.spec().toString());
        assertEquals(Double.parseDouble(best.get("lambda")), Double.parseDouble(model.provenance().config()
                .get("lambda")));
        assertEquals(List.of("0", "1", "2"), model.labels().names());
        CliRun evaluated = CliRun.of("evaluate", output.toString(), "sample-data/iris/test.csv", "--json");
        assertEquals(Main.EXIT_OK, evaluated.exitCode(), evaluated.err());
        assertEquals(summary.get("test_accuracy").asDouble(), JSON.readTree(evaluated.out()).get("accuracy")
                .asDouble(), "evaluate on the saved model gives the test accuracy the sweep printed");
    }

    @Test
    void crossValidatesWithFoldsAndChoosesByAccuracy(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("sweep");

        CliRun run = CliRun.of(sweep(output, "--folds", "2", "--metric", "accuracy", "--test=", "--grid",
                "lambda=0,30").toArray(String[]::new));

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("2-fold cross-validation"), run.out());
        List<Map<String, String>> rows = csv(output.resolve("sweep.csv"));
        assertEquals(List.of("0", "30"), rows.stream().map(row -> row.get("lambda")).toList());
        assertEquals("true", bestRow(rows, "validation_accuracy", true).get("best"));
        assertFalse(run.out().contains("test set"), "no test set, no test score");
    }

    @Test
    void choosesOnAGivenValidationFile(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-data/iris/train.csv"));
        Path train = dir.resolve("train.csv");
        Path validation = dir.resolve("validation.csv");
        Files.write(train, lines.subList(0, 91));
        List<String> held = new ArrayList<>(List.of(lines.get(0)));
        held.addAll(lines.subList(91, lines.size()));
        Files.write(validation, held);
        Path output = dir.resolve("sweep");

        CliRun run = CliRun.of(sweep(output, "--train", train.toString(), "--validation", validation.toString(),
                "--grid", "learning-rate=0.01,0.3").toArray(String[]::new));

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("validation file " + validation), run.out());
        List<Map<String, String>> rows = csv(output.resolve("sweep.csv"));
        assertEquals("true", bestRow(rows, "validation_cost", false).get("best"));
        assertEquals("0.3", bestRow(rows, "validation_cost", false).get("learning-rate"),
                "20 steps of α = 0.01 leave iris unlearnt");
    }

    @Test
    void refusesABadGridInOneLineBeforeWritingAnything(@TempDir Path dir) {
        Path output = dir.resolve("sweep");
        Map<String[], String> refusals = Map.of(
                new String[] {"--grid", "lambda=0,heavy"}, "lambda=heavy: not a number",
                new String[] {"--grid", "network=4-8:tanh-3:softmax,4-0:tanh-3:softmax"}, "network=4-0:tanh-3:softmax",
                new String[] {"--grid", "lambdas=0,1"}, "--grid lambdas=0,1: no config key 'lambdas'",
                new String[] {"--grid", "output=a,b"}, "--grid output=a,b: output is not a training setting",
                new String[] {"--grid", "lambda=0,1", "--validation-fraction", "0"},
                "sweep needs a validation set to choose on (never the test set)",
                new String[] {"--grid", "lambda=0,1", "--validation-fraction", "0.25", "--early-stopping-patience", "3"},
                "early-stopping-patience=3: a sweep trains each candidate for its epochs without this setting");
        refusals.forEach((args, expected) -> {
            CliRun run = CliRun.of(sweep(output, args).toArray(String[]::new));

            assertEquals(Main.EXIT_USAGE, run.exitCode(), String.join(" ", args) + "\n" + run.err());
            String error = run.err().strip();
            assertEquals(1, error.lines().count(), error);
            assertTrue(error.startsWith("sparkprop: error: ") && error.contains(expected), error);
            assertFalse(Files.exists(output), "nothing written");
        });
    }

    private static Map<String, String> bestRow(List<Map<String, String>> rows, String column, boolean largest) {
        Map<String, String> best = rows.get(0);
        for (Map<String, String> row : rows) {
            double value = Double.parseDouble(row.get(column));
            double bestValue = Double.parseDouble(best.get(column));
            best = (largest ? value > bestValue : value < bestValue) ? row : best;
        }
        return best;
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static Model read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelFile.read(in, file.toString());
        }
    }
}
