package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code conf/*.properties} still resolve (their keys and values are valid for the
 * current TrainConfig) and point at data that exists. Tests run from the project root, as the
 * jobs do, so the relative paths resolve the same way.
 */
class ConfFilesTest {

    @Test
    void everyShippedConfigResolvesAndItsDataExists() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            configs = files.filter(file -> file.toString().endsWith(".properties")).sorted().toList();
        }
        assertFalse(configs.isEmpty(), "no conf/*.properties found from " + Path.of("").toAbsolutePath());
        for (Path config : configs) {
            CliRun run = CliRun.of("train", config.toString(), "--dry-run");

            assertEquals(Main.EXIT_OK, run.exitCode(), config + ": " + run.err());
            Map<String, String> resolved = run.configLines();
            for (String key : List.of("train", "test", "validation")) {
                if (resolved.containsKey(key)) {
                    assertTrue(Files.isRegularFile(Path.of(resolved.get(key))), config + ": " + key + " = " + resolved.get(key));
                }
            }
            assertTrue(resolved.get("output").startsWith("out/"), config + ": outputs belong under the git-ignored out/");
        }
    }
}
