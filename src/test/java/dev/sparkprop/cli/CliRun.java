package dev.sparkprop.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Main#run} call with captured streams: what a user would see and the exit code.
 *
 * @param exitCode what the process would exit with
 * @param out everything printed to stdout
 * @param err everything printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code sparkprop args...} in this JVM. */
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The {@code key = value} lines of stdout (a {@code --dry-run}'s resolved config), comments skipped. */
    Map<String, String> configLines() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            int equals = line.indexOf(" = ");
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 3));
            }
        }
        return values;
    }
}
