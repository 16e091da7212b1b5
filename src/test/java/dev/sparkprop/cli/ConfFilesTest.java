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
 * current TrainConfig) and point at data that exists, or, under the scratch {@code out/}, at data
 * that a {@code generate} command named in the config's comments makes. Tests run from the project root, as the
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
                    String data = resolved.get(key);
                    // Data made at run time (out/ is scratch) must come with the command that makes it.
                    boolean made = data.startsWith("out/")
                            && Files.readString(config).contains(" generate ") && Files.readString(config).contains("--output " + data);
                    assertTrue(Files.isRegularFile(Path.of(data)) || made,
                            config + ": " + key + " = " + data + " neither exists nor is made by a generate command the config names");
                }
            }
            assertTrue(resolved.get("output").startsWith("out/"), config + ": outputs belong under the git-ignored out/");
        }
    }
}
