package dev.sparkprop.cli;

import dev.sparkprop.testing.BuildOutput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sparkprop.testing.LabGuide;
import dev.sparkprop.testing.LabGuide.Block;
import dev.sparkprop.testing.LabGuide.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's Scala lab, typed into spark-shell for real: the lab of the Lab guide titled
 * "... Scala lab ..." holds a {@code ```bash} block that starts {@code jobs/sparkprop.sh shell},
 * the {@code ```scala} block under it and the {@code ```text} block of what it prints. bash runs
 * the command as written, from the project root, with the Scala on its stdin (the REPL reads it
 * as typed and quits at its end); stdout must show the text block's lines in order
 * ({@link LabGuide#assertShows}), and what the lab says of them must hold: the confusion
 * matrix counts every test digit once, by its true digit, and its diagonal is the accuracy.
 *
 * <p>An integration test because the shell is a JVM of its own that compiles every statement
 * (about 25 s of CPU before any training). It runs after {@code package} built
 * {@code target/sparkprop_2.12-spark3.5.jar} and {@code target/lib} in this very Maven run, so the launcher's
 * build stamp is renewed first and the launcher does not start a Maven build of its own.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ShellLabIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/it-shell");
    private static final Path TEST_DIGITS = ROOT.resolve("sample-data/digits/test.libsvm.gz");
    private static final Pattern TEST_ACCURACY = Pattern.compile("(?m)^test accuracy (\\d\\.\\d{4})$");
    private static final Pattern MATRIX_ROW = Pattern.compile("\\|\\s*(\\d)\\|((?:\\s*\\d+\\|){10})");
    /** How the REPL reports a statement it could not compile or run. */
    private static final Pattern FAILURE = Pattern.compile("(?m)^(<console>:\\d+: error:|\\S*(Exception|Error)\\b.*)");

    @Test
    void theScalaLabRunsInSparkShellAsWritten() throws Exception {
        // Spark 4's spark-repl is not on Maven Central, so that line's build has no shell of its own.
        assumeTrue(BuildOutput.sparkLine().equals("3.5"), "the build's own spark-shell exists on Spark 3.5 only");
        Block block = scalaLabBlock();
        Files.createDirectories(WORK);
        Path input = Files.writeString(WORK.resolve("lab.scala"), block.input());
        Path stdout = WORK.resolve("stdout.log");
        Path stderr = WORK.resolve("stderr.log");
        // The build under test is current (failsafe runs after package): say so to the launcher, whose
        // marker a fresh checkout has not made yet, so it does not rebuild in the middle of the test.
        Path built = BuildOutput.directory().resolve("sparkprop.built");
        if (Files.notExists(built)) {
            Files.createFile(built);
        }
        Files.setLastModifiedTime(built, FileTime.from(Instant.now()));

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + block.script())
                .directory(ROOT.toFile()).redirectInput(input.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        for (String inherited : List.of("SPARK_HOME", "SPARKPROP_SUBMIT_ARGS", "SPARK_CONF_DIR", "HADOOP_CONF_DIR",
                "JAVA_OPTS")) {
            env.remove(inherited); // local mode, as a user without a Spark installation has it
        }
        env.put("SPARKPROP_DRIVER_MEMORY", "2g");
        long start = System.nanoTime();
        Process shell = builder.start();
        try {
            assertTrue(shell.waitFor(5, TimeUnit.MINUTES), "the shell did not finish within 5 minutes\n" + output(stdout,
                    stderr));
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
        System.out.printf("ShellLabIT: jobs/sparkprop.sh shell ran the Scala lab in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        String out = Files.readString(stdout);
        assertEquals(0, shell.exitValue(), output(stdout, stderr));
        Matcher failure = FAILURE.matcher(out);
        if (failure.find()) {
            fail("the REPL reported: " + failure.group() + "\n" + out);
        }
        LabGuide.assertShows(block.expected(), out, "the Scala lab");
        theConfusionMatrixCountsEveryTestDigitOnce(out);
    }

    /** The bash block of the lab titled "... Scala lab ...": it starts the shell and has a scala block. */
    private static Block scalaLabBlock() throws IOException {
        List<Lab> labs = LabGuide.read(ROOT.resolve("README.md")).stream()
                .filter(lab -> lab.title().contains("Scala lab")).toList();
        assertEquals(1, labs.size(), "labs titled '... Scala lab ...' in the README's Lab guide");
        List<Block> blocks = labs.get(0).blocks();
        assertEquals(1, blocks.size(), "blocks of the Scala lab");
        Block block = blocks.get(0);
        assertTrue(LabGuide.isShellBlock(block), "the Scala lab's block does not start jobs/sparkprop.sh shell:\n"
                + block.script());
        assertFalse(block.input().isBlank(), "the Scala lab has no ```scala block under its bash block");
        assertFalse(block.expected().isEmpty(), "the Scala lab has no ```text block");
        return block;
    }

    /**
     * Rows are true digits, columns predicted ones: each row adds up to that digit's count in the
     * test file, and the diagonal over all test digits is the accuracy the lab printed.
     */
    private static void theConfusionMatrixCountsEveryTestDigitOnce(String out) throws IOException {
        long[] perDigit = testDigitCounts();
        long[][] matrix = new long[10][];
        Matcher row = MATRIX_ROW.matcher(out);
        while (row.find()) {
            matrix[Integer.parseInt(row.group(1))] = Arrays.stream(row.group(2).split("\\|"))
                    .map(String::strip).mapToLong(Long::parseLong).toArray();
        }
        long diagonal = 0;
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(matrix[digit] != null, "no confusion-matrix row for digit " + digit + "\n" + out);
            assertEquals(perDigit[digit], Arrays.stream(matrix[digit]).sum(), "row of digit " + digit);
            diagonal += matrix[digit][digit];
        }
        Matcher accuracy = TEST_ACCURACY.matcher(out);
        assertTrue(accuracy.find(), out);
        long digits = Arrays.stream(perDigit).sum();
        assertEquals(Double.parseDouble(accuracy.group(1)), (double) diagonal / digits, 0.5e-4,
                "the diagonal, " + diagonal + " of " + digits + ", against the printed test accuracy");
    }

    /** How many test digits of each class the LIBSVM file holds (the label is each line's first word). */
    private static long[] testDigitCounts() throws IOException {
        long[] counts = new long[10];
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TEST_DIGITS)), StandardCharsets.US_ASCII))) {
            lines.lines().forEach(line -> counts[(int) Double.parseDouble(line.substring(0, line.indexOf(' ')))]++);
        }
        return counts;
    }

    private static String output(Path stdout, Path stderr) throws IOException {
        return "stdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr);
    }
}
