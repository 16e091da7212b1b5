package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.train.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkprop train} up to the point where Spark would start: how the config is resolved
 * (defaults &lt; file &lt; flags) and how each refusal reads. {@code --dry-run} shows the resolved
 * config without a Spark session, so these tests take milliseconds. Every refusal must leave the
 * output directory unwritten.
 */
class TrainCommandTest {

    @TempDir
    Path dir;

    private Path output;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        output = dir.resolve("out");
        config = write("xor.properties", """
                # a comment
                network = 2-4:sigmoid-1:sigmoid
                train = sample-data/logic-gates/xor.csv
                epochs = 5
                learning-rate = 0.5
                partitions = 2
                test = sample-data/logic-gates/xor.csv
                output = %s
                """.formatted(output));
    }

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults() {
        CliRun run = CliRun.of("train", config.toString(), "--learning-rate", "2", "--partitions=3", "--dry-run");

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        Map<String, String> resolved = run.configLines();
        assertEquals("2.0", resolved.get("learning-rate"), "a flag beats the file");
        assertEquals("3", resolved.get("partitions"), "--key=value is a flag too");
        assertEquals("5", resolved.get("epochs"), "the file beats the default");
        assertEquals(ConfigKeys.TREE_DEPTH.defaultText(), resolved.get("tree-depth"), "the default fills in");
        assertEquals("", run.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void flagsAloneNeedNoFileAndTheLastRepeatWins() {
        CliRun run = CliRun.of("train", "--network", "2-1:sigmoid", "--train", "t.csv", "--output", output.toString(),
                "--epochs", "3", "--epochs", "4", "--dry-run");

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertEquals("4", run.configLines().get("epochs"));
        assertEquals("2-1:sigmoid", run.configLines().get("network"));
    }

    @Test
    void anEmptyFlagClearsTheFilesValue() {
        CliRun run = CliRun.of("train", config.toString(), "--test=", "--dry-run");

        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertFalse(run.configLines().containsKey("test"), run.out());
    }

    @Test
    void anUnknownKeyInTheFileIsNamedWithTheFile() throws IOException {
        Files.writeString(config, "lerning-rate = 0.5\n", StandardOpenOption.APPEND);

        CliRun run = CliRun.of("train", config.toString());

        assertRefused(run, config + ": unknown key 'lerning-rate'; the keys are "
                + String.join(", ", new TreeSet<>(ConfigKeys.NAMES)));
    }

    @Test
    void anUnknownOptionIsNamedWithASuggestion() {
        assertRefused(CliRun.of("train", config.toString(), "--lerning-rate", "0.5"),
                "unknown option '--lerning-rate' (did you mean --learning-rate?); 'sparkprop train --help' lists the options");
        assertRefused(CliRun.of("train", config.toString(), "--frobnicate=1"),
                "unknown option '--frobnicate'; 'sparkprop train --help' lists the options");
    }

    @Test
    void aBadValueGetsTheConfigsOwnMessage() throws IOException {
        assertRefused(CliRun.of("train", config.toString(), "--epochs", "0"), "epochs=0: must be >= 1");

        Path fileWithBadValue = write("bad.properties", Files.readString(config) + "batch-size = many\n");
        assertRefused(CliRun.of("train", fileWithBadValue.toString()), "batch-size=many: not a whole number");
    }

    @Test
    void stepHiddenUnitsAreRefusedBecauseBackpropagationNeedsADerivative() {
        assertRefused(CliRun.of("train", config.toString(), "--network", "2-2:step-1:step"),
                "network=2-2:step-1:step: layer 2 has step units: backpropagation needs a derivative, and a step has"
                        + " none (g'(z) = 0 wherever it exists); set a threshold network by hand (sparkprop theta import)"
                        + " instead of training it");
        assertRefused(CliRun.of("train", config.toString(), "--network", "2-3:step-1:sigmoid"),
                "network=2-3:step-1:sigmoid: layer 2 has step units: backpropagation needs a derivative, and a step"
                        + " has none (g'(z) = 0 wherever it exists); set a threshold network by hand (sparkprop theta"
                        + " import) instead of training it");
    }

    @Test
    void aMissingConfigFileIsOneLine() {
        Path missing = dir.resolve("nope.properties");

        assertRefused(CliRun.of("train", missing.toString()), missing + ": no such config file");
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() {
        CliRun run = CliRun.of("train", config.toString(), "--epochs", "0", "--verbose");

        assertEquals(Main.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().startsWith("sparkprop: error: epochs=0: must be >= 1" + System.lineSeparator()), run.err());
        assertTrue(run.err().contains("\tat dev.sparkprop."), run.err());
    }

    @Test
    void everyConfigKeyIsADocumentedOption() {
        CliRun run = CliRun.of("train", "--help");

        assertEquals(Main.EXIT_OK, run.exitCode());
        for (String key : ConfigKeys.NAMES) {
            assertTrue(run.out().contains("--" + key + "=") || run.out().contains("--" + key + "[="),
                    "--" + key + " missing from:\n" + run.out());
        }
    }

    @Test
    void aMissingOrUnknownCommandIsOneLine() {
        assertRefusedWith(CliRun.of(), "missing a command (one of: train, sweep, evaluate, predict, inspect, theta, explain, gradcheck, generate, ui); 'sparkprop --help' explains them");
        assertRefusedWith(CliRun.of("frobnicate"), "unknown command 'frobnicate'; the commands are train, sweep, evaluate, predict, inspect, theta, explain, gradcheck, generate, ui");
    }

    private void assertRefused(CliRun run, String message) {
        assertRefusedWith(run, message);
        assertFalse(Files.exists(output), "a refused run wrote " + output);
    }

    private static void assertRefusedWith(CliRun run, String message) {
        assertEquals("sparkprop: error: " + message + System.lineSeparator(), run.err());
        assertEquals(Main.EXIT_USAGE, run.exitCode());
        assertEquals("", run.out());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
