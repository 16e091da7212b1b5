package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} on the notes' worked example (Mazur's step-by-step backpropagation), built from
 * the shipped {@code conf/worked-example.theta}: the command prints the example's own numbers.
 */
class ExplainCommandTest {

    @TempDir
    static Path dir;
    private static String model;

    @BeforeAll
    static void importTheWorkedExample() {
        model = dir.resolve("worked").toString();
        CliRun run = CliRun.of("theta", "import", "conf/worked-example.theta", "--output", model);
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
    }

    @Test
    void reproducesTheWorkedExample() {
        CliRun run = CliRun.of("explain", model, "--input", "0.05,0.10", "--target", "0.01,0.99");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<String> lines = Arrays.asList(run.out().split("\\R"));
        assertPrinted("0.593269992", value(lines, "a^(2)_1")); // out_h1
        assertPrinted("0.596884378", value(lines, "a^(2)_2")); // out_h2
        assertPrinted("1.105905967", value(lines, "z^(3)_1")); // net_o1
        assertPrinted("0.75136507", value(lines, "a^(3)_1"));  // out_o1
        assertPrinted("0.772928465", value(lines, "a^(3)_2")); // out_o2
        assertPrinted("0.298371109", value(lines, "cost      J"));  // E_total
        assertPrinted("0.138498562", value(lines, "delta^(3)_1")); // δ_o1 = ∂E/∂net_o1
        assertPrinted("0.082167041", matrixEntry(lines, "Delta^(2) ", 1, 1)); // ∂E/∂w5
        assertPrinted("0.000438568", matrixEntry(lines, "Delta^(1) ", 1, 1)); // ∂E/∂w1
        assertTrue(run.out().contains("a^(1)_0 = 1  (bias unit)"), run.out());
        assertTrue(run.out().contains("scaling   none: a^(1) = x"), run.out());
    }

    /**
     * The example's gradient descent from the command line: {@code --steps} runs the training loop
     * on the one example with b1, b2 fixed. One step prints the notes' eight new weights (Θ rows are
     * (b1, w1, w2), (b1, w3, w4), (b2, w5, w6), (b2, w7, w8)); 10,000 steps end at E = 3.5101878e-05.
     */
    @Test
    void stepsDescendOnTheExampleWithTheBiasesFixed() {
        CliRun one = CliRun.of("explain", model, "--input", "0.05,0.10", "--target", "0.01,0.99", "--steps", "1",
                "--learning-rate", "0.5", "--fixed-biases");
        assertEquals(Main.EXIT_OK, one.exitCode(), one.err());
        List<String> lines = Arrays.asList(one.out().split("\\R"));
        double[] hidden1 = thetaRow(lines, "# Theta(1)", 1);
        double[] hidden2 = thetaRow(lines, "# Theta(1)", 2);
        double[] output1 = thetaRow(lines, "# Theta(2)", 1);
        double[] output2 = thetaRow(lines, "# Theta(2)", 2);
        assertPrinted("0.149780716", hidden1[1]); // w1
        assertPrinted("0.19956143", hidden1[2]);  // w2
        assertPrinted("0.24975114", hidden2[1]);  // w3
        assertPrinted("0.29950229", hidden2[2]);  // w4
        assertPrinted("0.35891648", output1[1]);  // w5
        assertPrinted("0.408666186", output1[2]); // w6
        assertPrinted("0.511301270", output2[1]); // w7
        assertPrinted("0.561370121", output2[2]); // w8
        assertEquals(0.35, hidden2[0]);           // b1 held
        assertEquals(0.60, output1[0]);           // b2 held
        assertPrinted("0.291027774", value(lines, "cost      J")); // the notes print 0.291027924 (README, Lab 2)

        CliRun many = CliRun.of("explain", model, "--input", "0.05,0.10", "--target", "0.01,0.99", "--steps", "10000",
                "--learning-rate", "0.5", "--fixed-biases");
        assertEquals(Main.EXIT_OK, many.exitCode(), many.err());
        lines = Arrays.asList(many.out().split("\\R"));
        assertPrinted("3.5101878e-05", value(lines, "cost      J"));
        assertPrinted("0.01591362", value(lines, "a^(3)_1"));
        assertPrinted("0.98406427", value(lines, "a^(3)_2"));
        assertTrue(many.out().startsWith("descent   10000 steps of Theta := Theta - alpha D at alpha = 0.5 on this"
                + " example alone (m = 1), biases fixed\n"), many.out());
    }

    @Test
    void stepsWithTheBiasesTrainedMoveThem() {
        CliRun run = CliRun.of("explain", model, "--input", "0.05,0.10", "--target", "0.01,0.99", "--steps", "1",
                "--learning-rate", "0.5");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<String> lines = Arrays.asList(run.out().split("\\R"));
        // b1 - α δ^(2)_1 and b2 - α δ^(3)_1, each unit its own bias (Lab 2's δ values).
        assertPrinted("0.345614323", thetaRow(lines, "# Theta(1)", 1)[0]);
        assertPrinted("0.530750719", thetaRow(lines, "# Theta(2)", 1)[0]);
        assertRefused(CliRun.of("explain", model, "--input", "0.05,0.10", "--steps", "1"),
                "--steps needs --target: the steps descend on that example's cost");
    }

    @Test
    void withoutATargetOnlyTheForwardPass() {
        CliRun run = CliRun.of("explain", model, "--input", "0.05,0.10");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertPrinted("0.75136507", value(Arrays.asList(run.out().split("\\R")), "a^(3)_1"));
        assertFalse(run.out().contains("delta"), run.out());
    }

    /**
     * The shipped threshold-unit XOR ({@code conf/xor-step.theta}): imported, explained and
     * evaluated; its step units print exact 0s and 1s, and backpropagation is refused.
     */
    @Test
    void theStepXorIsImportedExplainedAndEvaluated() {
        String xor = dir.resolve("xor-step").toString();
        CliRun imported = CliRun.of("theta", "import", "conf/xor-step.theta", "--output", xor);
        assertEquals(Main.EXIT_OK, imported.exitCode(), imported.err());
        CliRun run = CliRun.of("explain", xor, "--input", "1,1");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        List<String> lines = Arrays.asList(run.out().split("\\R"));
        assertTrue(run.out().contains("layer 2 (hidden, step)"), run.out());
        assertEquals(1.0, value(lines, "a^(2)_1"));  // OR(1, 1)
        assertEquals(0.0, value(lines, "a^(2)_2"));  // NAND(1, 1)
        assertEquals(-10.0, value(lines, "z^(3)_1")); // -30 + 20·1 + 20·0
        assertEquals(0.0, value(lines, "a^(3)_1"));
        assertTrue(run.out().contains("predicted class 0"), run.out());
        CliRun evaluated = CliRun.of("evaluate", xor, "sample-data/logic-gates/xor.csv");
        assertEquals(Main.EXIT_OK, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("accuracy  1.0000"), evaluated.out());
        assertRefused(CliRun.of("explain", xor, "--input", "1,1", "--target", "0"), "--target asks for"
                + " backpropagation, but layer 2 has step units: backpropagation needs a derivative, and a step has"
                + " none (g'(z) = 0 wherever it exists); set a threshold network by hand (sparkprop theta import)"
                + " instead of training it; without --target explain shows the forward pass");
    }

    /** A maxout layer shows each unit's pieces, the max, and δ on the winning piece only. */
    @Test
    void maxoutShowsItsPiecesAndRoutesDeltaToTheWinner() throws Exception {
        java.nio.file.Path text = java.nio.file.Files.writeString(dir.resolve("maxout.theta"),
                "# network: 1-1:maxout:2-1:linear\n0.5 1\n0 -1\n\n0 2\n");
        String maxout = dir.resolve("maxout").toString();
        assertEquals(Main.EXIT_OK, CliRun.of("theta", "import", text.toString(), "--output", maxout).exitCode());
        CliRun run = CliRun.of("explain", maxout, "--input", "-2", "--target", "1");
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        // z^(2) = (0.5 + 1·(-2), 0 - 1·(-2)) = (-1.5, 2): piece 2 wins, a = 2; h = 4, δ^(3) = 4 - 1 = 3.
        assertTrue(run.out().contains("z^(2)_1,1 = -1.500000000  z^(2)_1,2 = 2.000000000    a^(2)_1 = max = 2.000000000"),
                run.out());
        assertTrue(run.out().contains("delta^(2)_1,1 = 0.000000000  delta^(2)_1,2 = 6.000000000"), run.out());
        assertTrue(run.out().contains("   i=1,2 "), run.out());
    }

    @Test
    void wrongCountsAreRefusedInOneLine() {
        assertRefused(CliRun.of("explain", model, "--input", "0.05,0.10,0.2"),
                "--input has 3 values; the model's input layer has 2 units");
        assertRefused(CliRun.of("explain", model, "--input", "0.05,0.10", "--target", "1"),
                "--target has 1 value; the model's output layer has 2 units");
        assertRefused(CliRun.of("explain", model, "--input", "0.05,abc"), null);
        assertRefused(CliRun.of("explain", model), null);
    }

    private static void assertRefused(CliRun run, String message) {
        assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("sparkprop: error: "), run.err());
        if (message != null) {
            assertEquals("sparkprop: error: " + message, run.err().strip());
        }
    }

    /** |actual - printed| within half a unit of the printed value's last digit, as in WorkedExampleTest. */
    private static void assertPrinted(String printed, double actual) {
        BigDecimal value = new BigDecimal(printed);
        assertEquals(value.doubleValue(), actual, value.ulp().doubleValue() / 2, "printed " + printed);
    }

    /** The number after {@code label = } on the first line holding it. */
    private static double value(List<String> lines, String label) {
        for (String line : lines) {
            int at = line.indexOf(label + " = ");
            if (at >= 0) {
                return Double.parseDouble(line.substring(at + label.length() + 3).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no line with '" + label + " = '");
    }

    /** Row i (1-based) of the Θ text block under the line starting with {@code title}. */
    private static double[] thetaRow(List<String> lines, String title, int i) {
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).startsWith(title)) {
                return Arrays.stream(lines.get(n + i).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            }
        }
        throw new AssertionError("no block '" + title + "'");
    }

    /** Entry (i, j) of the matrix printed after the line starting with {@code title}: a header, then row i. */
    private static double matrixEntry(List<String> lines, String title, int i, int j) {
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).startsWith(title)) {
                String[] row = lines.get(n + 1 + i).trim().split("\\s+");
                assertEquals("i=" + i, row[0]);
                return Double.parseDouble(row[1 + j]);
            }
        }
        throw new AssertionError("no matrix '" + title + "'");
    }
}
