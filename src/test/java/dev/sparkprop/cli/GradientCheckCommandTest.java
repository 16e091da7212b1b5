package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradcheck}: the course exercise's check from the command line. */
class GradientCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void theExerciseNetworkPasses() {
        CliRun run = CliRun.of("gradcheck", "--network", "3-5:sigmoid-3:sigmoid");
        assertPasses(run);
        assertTrue(run.out().contains("38 parameters, m = 5 examples"), run.out());
    }

    @Test
    void aReluNetworkWithRegularizationPasses() {
        assertPasses(CliRun.of("gradcheck", "--network", "3-5:relu-3:sigmoid", "--lambda", "3"));
        assertPasses(CliRun.of("gradcheck", "--network", "2-4:relu-4:leaky-relu-1:sigmoid", "--examples", "7"));
    }

    @Test
    void differencesAcrossReluKinksFailWithExitOneAndANote() {
        // 1,000 examples put some hidden z within ε of ReLU's kink, where a central difference
        // straddles it: the check fails there, and says why.
        CliRun run = CliRun.of("gradcheck", "--network", "2-30:relu-1:linear", "--examples", "1000");
        assertEquals(Main.EXIT_FAILED, run.exitCode(), run.out() + run.err());
        String[] lines = run.out().strip().split("\\R");
        assertEquals("FAIL (>= 1e-9)", lines[lines.length - 1]);
        assertTrue(run.out().contains("of a kink (0 in a relu, leaky-relu or abs layer"), run.out());
    }

    @Test
    void absMaxoutAndASetLeakySlopePass() {
        assertPasses(CliRun.of("gradcheck", "--network", "3-5:abs-3:sigmoid", "--lambda", "3"));
        assertPasses(CliRun.of("gradcheck", "--network", "3-5:maxout:2-3:softmax"));
        assertPasses(CliRun.of("gradcheck", "--network", "3-5:leaky-relu:0.1-3:sigmoid"));
    }

    @Test
    void stepHiddenUnitsAreRefusedBecauseBackpropagationNeedsADerivative() {
        assertRefused(CliRun.of("gradcheck", "--network", "2-2:step-1:step"), "network=2-2:step-1:step: layer 2"
                + " has step units: backpropagation needs a derivative, and a step has none (g'(z) = 0 wherever it"
                + " exists); set a threshold network by hand (sparkprop theta import) instead of training it");
    }

    @Test
    void theNetworkAndLambdaComeFromAConfigAndFlagsOverrideThem() throws IOException {
        Path config = Files.writeString(dir.resolve("small.properties"),
                "network = 4-6:tanh-3:softmax\nlambda = 1.5\ntrain = x.csv\noutput = out/x\n");
        CliRun run = CliRun.of("gradcheck", config.toString());
        assertPasses(run);
        assertTrue(run.out().contains("network 4-6:tanh-3:softmax, 51 parameters, m = 5 examples, lambda = 1.5"),
                run.out());
        CliRun linear = CliRun.of("gradcheck", config.toString(), "--network", "4-6:tanh-2:linear");
        assertPasses(linear);
        assertTrue(linear.out().contains("network 4-6:tanh-2:linear"), linear.out());
    }

    @Test
    void refusalsAreOneLine() {
        CliRun big = CliRun.of("gradcheck", "conf/mnist.properties");
        assertRefused(big, "network 784-256:relu-128:relu-10:softmax has 235,146 parameters; gradcheck takes at most"
                + " 10,000 (it evaluates the cost twice per parameter): check a small network with the same kinds of"
                + " layers instead");
        assertRefused(CliRun.of("gradcheck"), "gradcheck needs a network: a CONF file with a network key, or"
                + " --network SPEC");
        assertRefused(CliRun.of("gradcheck", "--network", "3-5:frob-3"), null);
        assertRefused(CliRun.of("gradcheck", "--network", "3-5-3", "--examples", "0"), "--examples 0: choose 1..1000");
        assertRefused(CliRun.of("gradcheck", "no-such.properties"), "no-such.properties: no such config file");
    }

    private static void assertPasses(CliRun run) {
        assertEquals(Main.EXIT_OK, run.exitCode(), run.out() + run.err());
        String[] lines = run.out().strip().split("\\R");
        assertEquals("PASS (< 1e-9)", lines[lines.length - 1]);
        Matcher m = Pattern.compile("relative difference .* = (\\S+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-9, m.group(1));
    }

    private static void assertRefused(CliRun run, String message) {
        assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        if (message != null) {
            assertEquals("sparkprop: error: " + message, run.err().strip());
        }
        assertEquals("", run.out());
    }
}
