package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * What each lab of the README's Lab guide claims, checked on its runs' own output. The text blocks
 * already pin the lines the guide shows; these pin the lesson, so that editing a text block cannot
 * quietly drop it.
 */
final class LabClaims {

    private LabClaims() {
    }

    /** Checks Lab {@code lab}'s claims on the commands it ran. */
    static void check(int lab, List<LabRun> runs) throws IOException {
        switch (lab) {
            case 1 -> aLineSeparatesAndAndOrButNotXor(runs);
            case 2 -> theNotesNumbersComeOut(runs);
            case 3 -> backpropagationPassesAndZeroStartedUnitsStayIdentical(runs);
            case 4 -> theValidationSetChoosesLambdaAndHiddenUnits(runs);
            case 5 -> everyRunReportsItsPartitionsAndTimingSplit(runs);
            case 6 -> earlyStoppingStopsAndDropoutStopsLaterAndLower(runs);
            case 7 -> assertEquals(List.of(), runs, "Lab 7 runs in spark-shell (ShellLabIT checks it), not here");
            case 8 -> parityTakesTheWideNetworkExponentiallyManyUnitsAndTheDeepOneFew(runs);
            case 9 -> moreHiddenUnitsCarveHarderRegionsAndFitTheSine(runs);
            case 10 -> theDigitsExerciseNetworkBeatsTheTemplates(runs);
            case 11 -> batchNormPassesTheCheckAndTrainsWhatPlainSigmoidLayersCannot(runs);
            default -> throw new AssertionError("no claims known for Lab " + lab);
        }
    }

    private static void aLineSeparatesAndAndOrButNotXor(List<LabRun> runs) {
        for (String gate : List.of("and", "or")) {
            LabRun perceptron = only(runs, r -> r.is("train", "conf/perceptron-" + gate + ".properties"));
            assertTrue(perceptron.summary().get("converged").asBoolean(), perceptron.run().out());
        }
        LabRun xor = only(runs, r -> r.is("train", "conf/perceptron-xor.properties"));
        assertFalse(xor.summary().get("converged").asBoolean(), xor.run().out());
        assertTrue(xor.run().out().contains("the perceptron did not converge"), xor.run().out());
        assertEquals(1.0, only(runs, r -> r.is("train", "conf/xor.properties")).number("train_accuracy"));
        for (String gate : List.of("not", "nand", "xnor")) {
            String handSet = only(runs, r -> r.is("evaluate", "out/" + gate + "-notes")).run().out();
            assertTrue(handSet.contains("accuracy  1.0000"), gate + " hand-set:\n" + handSet);
            assertEquals(1.0, only(runs, r -> r.is("train", "conf/" + gate + ".properties")).number("train_accuracy"),
                    gate + " learned");
        }
    }

    private static void theNotesNumbersComeOut(List<LabRun> runs) {
        String worked = only(runs, r -> r.is("explain", "out/worked") && r.option("--steps") == null).run().out();
        for (String value : List.of("a^(2)_1 = 0.593269992", "a^(3)_1 = 0.751365070", "J = 0.298371109",
                " 0.082167041 ", " 0.000438568 ")) {
            assertTrue(worked.contains(value), "explain out/worked does not print " + value + "\n" + worked);
        }
        // Gradient descent from the given Θ, biases fixed: the notes' eight new weights, and E after 10,000 steps.
        String oneStep = only(runs, r -> r.is("explain", "out/worked") && "1".equals(r.option("--steps"))).run().out();
        for (String row : List.of("0.35 0.1497807161327628 0.19956143226552567",
                "0.35 0.24975114363236958 0.29950228726473915", "0.6 0.35891647971788465 0.4086661860762334",
                "0.6 0.5113012702387375 0.5613701211079891", "J = 0.291027774")) {
            assertTrue(oneStep.contains(row), "explain --steps 1 does not print " + row + "\n" + oneStep);
        }
        String manySteps = only(runs, r -> r.is("explain", "out/worked") && "10000".equals(r.option("--steps")))
                .run().out();
        for (String value : List.of("a^(3)_1 = 0.015913620", "a^(3)_2 = 0.984064274", "J = 3.51018778e-05")) {
            assertTrue(manySteps.contains(value), "explain --steps 10000 does not print " + value + "\n" + manySteps);
        }
        String evaluated = only(runs, r -> r.is("evaluate", "out/xor-notes")).run().out();
        assertTrue(evaluated.contains("accuracy  1.0000"), evaluated);
    }

    private static void backpropagationPassesAndZeroStartedUnitsStayIdentical(List<LabRun> runs) throws IOException {
        List<LabRun> checks = runs.stream().filter(r -> r.subcommand().equals("gradcheck")).toList();
        assertFalse(checks.isEmpty(), "no gradcheck in Lab 3");
        for (LabRun check : checks) {
            assertTrue(check.run().out().strip().endsWith("PASS (< 1e-9)"), check.run().out());
        }
        List<LabRun> fromZeros = runs.stream().filter(r -> "zeros".equals(r.option("--init"))).toList();
        assertFalse(fromZeros.isEmpty(), "no training from init zeros in Lab 3");
        for (LabRun zeros : fromZeros) {
            assertHiddenUnitsIdentical(zeros.command().text(),
                    ModelStore.load(zeros.output().toString(), new Configuration()));
        }
    }

    /** Θ^(1) has moved from 0 but its rows are equal, and Θ^(2) weighs every hidden unit the same. */
    private static void assertHiddenUnitsIdentical(String what, Model model) {
        double[][] first = model.matrix(1);
        double largest = Stream.of(first).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
        assertTrue(largest > 1e-3, what + ": Θ^(1) did not move from 0");
        double tolerance = 1e-12 * largest;
        for (double[] row : first) {
            for (int j = 0; j < row.length; j++) {
                assertEquals(first[0][j], row[j], tolerance, what + ": hidden units differ in Θ^(1) column " + j);
            }
        }
        for (double[] row : model.matrix(2)) {
            for (int j = 2; j < row.length; j++) {
                assertEquals(row[1], row[j], tolerance, what + ": Θ^(2) weighs the hidden units differently");
            }
        }
    }

    /**
     * Lab 4's sweep: the validation set chose (the marked row has the least validation cost), the
     * test set was scored once and only after the choice, the most λ fits each network's training
     * digits worst, and 64 hidden units beat 16 on validation cost at every λ.
     */
    private static void theValidationSetChoosesLambdaAndHiddenUnits(List<LabRun> runs) throws IOException {
        LabRun sweep = only(runs, r -> r.subcommand().equals("sweep"));
        List<String> lines = Files.readAllLines(sweep.output().resolve("sweep.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = List.of(line.split(","));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        assertEquals(6, rows.size(), lines.toString());
        Map<String, String> least = rows.stream().min(Comparator.comparingDouble(r -> number(r, "validation_cost")))
                .orElseThrow();
        assertEquals("true", least.get("best"), "the chosen row has the least validation cost: " + lines);
        String out = sweep.run().out();
        int chosen = out.indexOf("sparkprop: best: ");
        int tested = out.indexOf("sparkprop: test set, scored once");
        int again = out.indexOf("test set", tested + "sparkprop: test set".length());
        assertTrue(chosen >= 0 && tested > chosen && again < 0,
                "one test score, after the choice:\n" + out);
        for (String network : List.of("784-16:sigmoid-10:softmax", "784-64:sigmoid-10:softmax")) {
            List<Map<String, String>> byLambda = rows.stream().filter(r -> r.get("network").equals(network))
                    .sorted(Comparator.comparingDouble(r -> number(r, "lambda"))).toList();
            Map<String, String> most = byLambda.get(byLambda.size() - 1);
            for (Map<String, String> row : byLambda.subList(0, byLambda.size() - 1)) {
                assertTrue(number(most, "train_accuracy") < number(row, "train_accuracy"), network + ": λ "
                        + most.get("lambda") + " against " + row.get("lambda") + ": " + lines);
            }
        }
        for (Map<String, String> small : rows.stream().filter(r -> r.get("network").startsWith("784-16")).toList()) {
            Map<String, String> large = rows.stream().filter(r -> r.get("network").startsWith("784-64")
                    && r.get("lambda").equals(small.get("lambda"))).findFirst().orElseThrow();
            assertTrue(number(large, "validation_cost") < number(small, "validation_cost"), "λ " + small.get("lambda")
                    + ": " + lines);
        }
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static void everyRunReportsItsPartitionsAndTimingSplit(List<LabRun> runs) {
        List<LabRun> trains = runs.stream().filter(r -> r.subcommand().equals("train")).toList();
        assertFalse(trains.isEmpty(), "no local train run in Lab 5");
        for (LabRun train : trains) {
            assertTrue(train.run().out().contains("training examples in " + train.option("--partitions")
                    + " partitions"), train.run().out());
            for (String field : List.of("examples_per_second", "step_jobs_seconds", "compute_seconds",
                    "slowest_compute_seconds", "broadcast_seconds", "update_seconds")) {
                assertTrue(train.number(field) >= 0, train.command().text() + ": " + field);
            }
        }
    }

    private static void earlyStoppingStopsAndDropoutStopsLaterAndLower(List<LabRun> runs) {
        List<LabRun> stopping = runs.stream().filter(r -> r.has("--early-stopping-patience")).toList();
        for (LabRun run : stopping) {
            JsonNode summary = run.summary();
            int epochs = summary.get("epochs").asInt();
            assertTrue(summary.get("stopped_early").asBoolean(), run.run().out());
            assertTrue(summary.get("best_epoch").asInt() < epochs && epochs < Integer.parseInt(run.option("--epochs")),
                    run.command().text() + ": best epoch " + summary.get("best_epoch") + ", stopped after " + epochs);
        }
        LabRun plain = only(stopping, r -> !r.has("--dropout"));
        LabRun dropout = only(stopping, r -> r.has("--dropout"));
        assertTrue(dropout.number("epochs") > plain.number("epochs"), "dropout did not delay early stopping");
        assertTrue(dropout.number("validation_cost") < plain.number("validation_cost"),
                "the best validation cost with dropout is not the lower one");
    }

    /**
     * Lab 8: the notes' two parity networks, hand-set, both get the whole 8-bit table right; the
     * wide one has the notes' (N+2)2^(N-1) weights and biases (and the output's bias), the deep one
     * 9(N-1) that are not 0.
     */
    private static void parityTakesTheWideNetworkExponentiallyManyUnitsAndTheDeepOneFew(List<LabRun> runs)
            throws IOException {
        int bits = Integer.parseInt(only(runs, r -> r.is("generate", "parity")).option("--bits"));
        for (String shape : List.of("wide", "deep")) {
            String evaluated = only(runs, r -> r.subcommand().equals("evaluate") && r.arguments().get(0).endsWith(
                    "-" + shape)).run().out();
            assertTrue(evaluated.contains("examples  " + (1 << bits)) && evaluated.contains("accuracy  1.0000"),
                    shape + ":\n" + evaluated);
        }
        Model wide = imported(runs, "wide");
        Model deep = imported(runs, "deep");
        assertEquals(List.of(bits, 1 << (bits - 1), 1), wide.spec().sizes());
        assertEquals((bits + 2) * (1 << (bits - 1)) + 1, wide.spec().parameterCount());
        assertEquals(9 * (bits - 1), Arrays.stream(deep.theta()).filter(weight -> weight != 0).count());
        assertTrue(deep.spec().parameterCount() < wide.spec().parameterCount() / 8);
    }

    private static Model imported(List<LabRun> runs, String shape) throws IOException {
        LabRun imported = only(runs, r -> r.is("theta", "import") && r.option("--output").endsWith("-" + shape));
        return ModelStore.load(imported.output().toString(), new Configuration());
    }

    /**
     * Lab 9: five hidden units carve the convex shapes but not the ring, sixteen carve the ring;
     * three sigmoids fit the sine down to its noise, one does not.
     */
    private static void moreHiddenUnitsCarveHarderRegionsAndFitTheSine(List<LabRun> runs) {
        for (String convex : List.of("circle-5", "polygon-5")) {
            assertTrue(trained(runs, convex).number("train_accuracy") >= 0.99, convex);
        }
        double ring5 = trained(runs, "ring-5").number("train_accuracy");
        double ring16 = trained(runs, "ring-16").number("train_accuracy");
        assertTrue(ring5 < 0.9 && ring16 >= 0.99, "ring: 5 units " + ring5 + ", 16 units " + ring16);
        double sine1 = trained(runs, "sine-1").number("train_rmse");
        double sine3 = trained(runs, "sine-3").number("train_rmse");
        assertTrue(sine1 > 2 * sine3 && Math.abs(sine3 - 0.1) < 0.02, "sine RMSE: 1 unit " + sine1 + ", 3 units "
                + sine3 + " (the noise's standard deviation is 0.1)");
    }

    /**
     * Lab 10: the exercise's 784-25-10 network fits the training digits better than the ten
     * templates, and both read most test digits; only the network without a hidden layer draws templates.
     */
    private static void theDigitsExerciseNetworkBeatsTheTemplates(List<LabRun> runs) {
        LabRun hidden = trained(runs, "digits-25");
        LabRun templates = trained(runs, "digits-templates");
        assertTrue(hidden.number("train_accuracy") > templates.number("train_accuracy"),
                "the hidden layer fits the training digits better");
        for (LabRun run : List.of(hidden, templates)) {
            assertTrue(run.number("test_accuracy") > 0.85, run.command().text());
            assertEquals(50, run.number("epochs"), run.command().text() + ": the exercise's 50 iterations");
        }
        assertTrue(Files.isRegularFile(templates.output().resolve("class-templates.png")));
        assertFalse(Files.exists(hidden.output().resolve("class-templates.png")),
                "a network with a hidden layer draws hidden units, not templates");
    }

    private static LabRun trained(List<LabRun> runs, String output) {
        return only(runs, r -> r.subcommand().equals("train") && ("out/" + output).equals(r.option("--output")));
    }

    /**
     * Lab 11: backpropagation through bn layers passes the gradient check; with the same plain SGD
     * the deep sigmoid network stays near chance while every-layer-normalized one learns the digits.
     */
    private static void batchNormPassesTheCheckAndTrainsWhatPlainSigmoidLayersCannot(List<LabRun> runs) {
        LabRun check = only(runs, r -> r.subcommand().equals("gradcheck"));
        assertTrue(check.option("--network").contains(":bn-"), check.command().text());
        assertEquals(Main.EXIT_OK, check.run().exitCode(), check.run().out());
        assertTrue(check.run().out().contains("PASS (< 1e-9)"), check.run().out());
        LabRun plain = only(runs, r -> r.is("train", "conf/lab-bn.properties") && !r.has("--network"));
        LabRun normalized = only(runs, r -> r.is("train", "conf/lab-bn.properties") && r.has("--network"));
        assertTrue(normalized.option("--network").replace(":bn", "").equals("784-32:sigmoid-32:sigmoid-32:sigmoid"
                + "-32:sigmoid-10:softmax"), "the bn run is the same network with bn marks: " + normalized.command().text());
        assertTrue(plain.number("test_accuracy") < 0.3, plain.run().out());
        assertTrue(normalized.number("test_accuracy") > 0.8, normalized.run().out());
    }

    private static LabRun only(List<LabRun> runs, Predicate<LabRun> which) {
        List<LabRun> matching = runs.stream().filter(which).toList();
        assertEquals(1, matching.size(), "commands matching: " + matching.stream().map(r -> r.command().text()).toList());
        return matching.get(0);
    }
}
