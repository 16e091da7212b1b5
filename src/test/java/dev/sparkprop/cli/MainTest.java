package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Provenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every command answers without doing any work: picocli's standard --help and --version. */
class MainTest {

    private static final List<List<String>> COMMANDS = List.of(List.of(), List.of("train"), List.of("evaluate"),
            List.of("predict"), List.of("inspect"), List.of("theta"), List.of("theta", "export"),
            List.of("theta", "import"), List.of("explain"), List.of("gradcheck"), List.of("generate"), List.of("ui"));

    private static CliRun run(List<String> command, String option) {
        List<String> args = new ArrayList<>(command);
        args.add(option);
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (List<String> command : COMMANDS) {
            String name = String.join(" ", command);
            for (String help : List.of("-h", "--help")) {
                CliRun run = run(command, help);
                assertEquals(Main.EXIT_OK, run.exitCode(), name + " " + help + ": " + run.err());
                assertTrue(run.out().startsWith("Usage: sparkprop" + (name.isEmpty() ? "" : " " + name) + " "),
                        run.out());
                assertTrue(run.out().contains("-V, --version"), run.out());
            }
            for (String version : List.of("-V", "--version")) {
                CliRun run = run(command, version);
                assertEquals(Main.EXIT_OK, run.exitCode(), name + " " + version + ": " + run.err());
                assertTrue(run.out().startsWith("sparkprop " + Provenance.SPARKPROP_VERSION + System.lineSeparator()
                        + "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + System.lineSeparator()), run.out());
            }
        }
    }
}
