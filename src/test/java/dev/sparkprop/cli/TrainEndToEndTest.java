package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configs through the real command line, on the shared local Spark session.
 * ({@code conf/xor} itself is trained by {@link ThetaDigestTest}, which pins its Θ, and by the
 * lab guide's Lab 1, which checks its printed lines.)
 */
class TrainEndToEndTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void joinSharedSpark() {
        SharedSpark.session(); // the command joins it instead of starting (and stopping) its own
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    /** The notes' single-layer learners, from the shipped lab configs. */
    @Test
    void thePerceptronLearnsAndAndOrButNeverXor() {
        for (String gate : new String[] {"and", "or"}) {
            CliRun run = CliRun.of("train", "conf/perceptron-" + gate + ".properties",
                    "--output", dir.resolve(gate).toString());
            assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
            assertTrue(run.out().contains("the perceptron converged in epoch"), run.out());
            assertTrue(lastLine(run.out()).contains("\"train_accuracy\":1.0,"), lastLine(run.out()));
        }
        CliRun xor = CliRun.of("train", "conf/perceptron-xor.properties", "--output", dir.resolve("xor-p").toString());
        assertEquals(Main.EXIT_OK, xor.exitCode(), xor.err());
        assertTrue(xor.out().contains("the perceptron did not converge in 100 epochs: 2 of 4 examples are still"
                + " misclassified (the classes may not be linearly separable)"), xor.out());
        assertTrue(lastLine(xor.out()).contains("\"converged\":false"), lastLine(xor.out()));
    }

    /**
     * conf/xor with the new hidden units, through Spark (the spec crosses closures) and back from
     * the model file (its header names the network with the slope and piece count). He-initialized
     * from seed 2 at α = 0.5: from seed 1 the maxout net sits on the J = ln 2 plateau, as 2-2
     * sigmoid nets do (conf/xor.properties says why). 100 epochs, not the config's 400: all three
     * classify the four rows right from epoch 50 on (each epoch is a Spark job).
     */
    @Test
    void xorLearnsThroughAbsMaxoutAndASetLeakySlope() {
        for (String network : List.of("2-4:abs-1:sigmoid", "2-4:maxout:2-1:sigmoid", "2-4:leaky-relu:0.1-1:sigmoid")) {
            String out = dir.resolve(network.replace(':', '_')).toString();
            CliRun run = CliRun.of("train", "conf/xor.properties", "--network", network, "--init", "he", "--seed", "2",
                    "--learning-rate", "0.5", "--epochs", "100", "--output", out);
            assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
            assertTrue(lastLine(run.out()).contains("\"train_accuracy\":1.0,"), network + ": " + lastLine(run.out()));
            CliRun inspected = CliRun.of("inspect", out);
            assertTrue(inspected.out().startsWith("network     " + network + "\n"), inspected.out());
        }
        CliRun maxout = CliRun.of("inspect", dir.resolve("2-4_maxout_2-1_sigmoid").toString());
        assertTrue(maxout.out().contains("Theta(1)    8 x 3"), maxout.out());
    }

    @Test
    void theDeltaRuleFindsTheLeastSquaresLine() {
        CliRun run = CliRun.of("train", "conf/delta-rule-and.properties", "--output", dir.resolve("delta").toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(lastLine(run.out()).contains("\"train_rmse\":0.25,"), lastLine(run.out()));
    }

    @Test
    void badDataIsOneLineWithFileAndLineAndWritesNothing() throws Exception {
        Path data = dir.resolve("broken.csv");
        Files.write(data, List.of("label,x1,x2", "0,0,0", "1,0,abc", "1,1,0"));
        Path out = dir.resolve("broken-out");
        CliRun run = CliRun.of("train", "conf/xor.properties", "--train", data.toString(), "--output", out.toString());
        assertEquals(Main.EXIT_FAILED, run.exitCode());
        List<String> errors = run.err().lines().filter(line -> line.startsWith("sparkprop: error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("sparkprop: error: " + data + ":3: "), errors.get(0));
        assertFalse(Files.exists(out));
    }
}
