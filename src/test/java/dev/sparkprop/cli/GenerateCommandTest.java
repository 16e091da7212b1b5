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

    /**
     * debian-packages from a Packages index: one row per package name (the first paragraph), the
     * most common sections as classes by count then name, component prefixes dropped, and each
     * word in the column Spark's HashingTF(2^18) gives it, counted.
     */
    @Test
    void debianPackagesHashesEachDescriptionIntoSparksColumns() throws IOException {
        StringBuilder index = new StringBuilder();
        String[][] packages = {
            {"zsh", "shells", "shell with lots of features"},
            {"bash", "shells", "GNU Bourne Again SHell"},
            {"libfoo1", "libs", "foo library"},
            {"libbar1", "contrib/libs", "bar library, bar runtime"},
            {"libbaz1", "libs", "baz library"},
            {"bash", "utils", "a second paragraph of bash: ignored"},
            {"lonely", "games", "the only game"},
        };
        for (String[] p : packages) {
            index.append("Package: ").append(p[0]).append("\nVersion: 1\nSection: ").append(p[1])
                    .append("\nDescription: ").append(p[2]).append("\n more Words\n .\n\n");
        }
        index.append("Package: nosection\nDescription: no section, so not a row\n");
        Path input = work.resolve("Packages");
        Files.writeString(input, index.toString());
        Path file = work.resolve("debian.libsvm");
        CliRun run = CliRun.of("generate", "debian-packages", "--input", input.toString(), "--output", file.toString());
        assertEquals(Main.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("sparkprop: wrote 6 rows (262144 features, "), run.out());
        assertTrue(run.out().contains("classes 0=libs 3, 1=shells 2, 2=games 1) from " + input), run.out());
        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size(), "bash, libbar1, libbaz1, libfoo1, lonely, zsh: sorted by name");
        var hashing = new org.apache.spark.ml.feature.HashingTF().setNumFeatures(1 << 18);
        java.util.TreeMap<Integer, Integer> expected = new java.util.TreeMap<>();
        for (String word : List.of("bar", "library", "bar", "runtime", "more", "words")) {
            expected.merge(hashing.indexOf(word) + 1, 1, Integer::sum);
        }
        StringBuilder libbar = new StringBuilder("0");
        expected.forEach((column, count) -> libbar.append(' ').append(column).append(':').append(count));
        assertEquals(libbar.toString(), lines.get(1));
        assertTrue(lines.get(0).startsWith("1 "), "bash is in shells: " + lines.get(0));
        assertTrue(lines.get(4).startsWith("2 "), "lonely is in games: " + lines.get(4));

        Files.writeString(input, "Package: x\nno colon here\n");
        CliRun bad = CliRun.of("generate", "debian-packages", "--input", input.toString(), "--output",
                work.resolve("bad.libsvm").toString());
        assertEquals(Main.EXIT_USAGE, bad.exitCode());
        assertEquals("sparkprop: error: " + input + ":2: expected 'Field: value', found \"no colon here\"",
                bad.err().strip());
    }

    @Test
    void badArgumentsGetOneLineAndExitTwo() throws IOException {
        Path file = work.resolve("x.csv");
        String out = file.toString();
        assertRefused("sparkprop: error: generate square: no such data set; choose one of parity, circle, polygon,"
                + " ring, sine, debian-packages", "generate", "square", "--output", out);
        assertRefused("sparkprop: error: --bits 40: choose 1..16", "generate", "parity", "--bits", "40", "--output", out);
        assertRefused("sparkprop: error: --rows 10: parity writes all 2^N rows; set --bits N instead",
                "generate", "parity", "--rows", "10", "--output", out);
        assertRefused("sparkprop: error: --bits 3: only parity takes --bits", "generate", "circle", "--bits", "3",
                "--output", out);
        assertRefused("sparkprop: error: --input " + out + ": only debian-packages takes --input", "generate", "ring",
                "--input", out, "--output", out);
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
