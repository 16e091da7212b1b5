package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkprop generate}: the files it writes, the line it prints, and one line for each bad argument. */
class GenerateCommandTest {

    @TempDir
    Path work;

    @Test
    void parityWritesTheWholeTableAndSaysWhatItWrote() throws IOException {
        Path file = work.resolve("data/parity4.csv");
        CliRun run = CliRun.of("generate", "parity", "--bits", "4", "--output", file.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertEquals("sparkprop: wrote 16 rows (4 features; label 1 in 8) to " + file, run.out().strip());
        List<String> lines = Files.readAllLines(file);
        assertEquals(17, lines.size());
        assertEquals("label,x1,x2,x3,x4", lines.get(0));
        assertEquals("1,1,1,0,1", lines.get(14), "row 13 = 1101: three ones, odd");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        Path first = work.resolve("a.csv");
        Path second = work.resolve("b.csv");
        Path other = work.resolve("c.csv");
        assertEquals(Main.EXIT_OK, CliRun.of("generate", "ring", "--rows", "200", "--seed", "5", "--output",
                first.toString()).exitCode());
        assertEquals(Main.EXIT_OK, CliRun.of("generate", "ring", "--rows", "200", "--seed", "5", "--output",
                second.toString()).exitCode());
        assertEquals(Main.EXIT_OK, CliRun.of("generate", "ring", "--rows", "200", "--seed", "6", "--output",
                other.toString()).exitCode());
        assertEquals(201, Files.readAllLines(first).size());
        assertEquals(Files.readString(first), Files.readString(second));
        assertFalse(Files.readString(first).equals(Files.readString(other)));
    }

    @Test
    void sineReportsTheTargetsRange() {
        Path file = work.resolve("sine.csv");
        CliRun run = CliRun.of("generate", "sine", "--rows", "100", "--noise", "0", "--output", file.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("sparkprop: wrote 100 rows (1 feature; target from -"), run.out());
    }

    @Test
    void badArgumentsGetOneLineAndExitTwo() throws IOException {
        Path file = work.resolve("x.csv");
        String out = file.toString();
        assertRefused("sparkprop: error: generate square: no such data set; choose one of parity, circle, polygon,"
                + " ring, sine", "generate", "square", "--output", out);
        assertRefused("sparkprop: error: --bits 40: choose 1..16", "generate", "parity", "--bits", "40", "--output", out);
        assertRefused("sparkprop: error: --rows 10: parity writes all 2^N rows; set --bits N instead",
                "generate", "parity", "--rows", "10", "--output", out);
        assertRefused("sparkprop: error: --bits 3: only parity takes --bits", "generate", "circle", "--bits", "3",
                "--output", out);
        assertRefused("sparkprop: error: --noise 0.5: only sine takes --noise", "generate", "ring", "--noise", "0.5",
                "--output", out);
        assertRefused("sparkprop: error: --rows -5: choose 1..1000000", "generate", "circle", "--rows", "-5",
                "--output", out);
        assertFalse(Files.exists(file), "a refused command writes nothing");
        Files.writeString(file, "kept");
        assertRefused("sparkprop: error: --output " + out + ": the file exists; pass --overwrite to replace it",
                "generate", "circle", "--output", out);
        assertEquals("kept", Files.readString(file));
        assertEquals(Main.EXIT_OK, CliRun.of("generate", "circle", "--output", out, "--overwrite").exitCode());
        assertEquals(501, Files.readAllLines(file).size(), "500 points by default, and the header");
    }

    private static void assertRefused(String line, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(Main.EXIT_USAGE, run.exitCode(), run.err());
        assertEquals(line, run.err().strip(), String.join(" ", args));
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
