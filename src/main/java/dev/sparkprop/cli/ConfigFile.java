package dev.sparkprop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a config file: Java {@code .properties} (UTF-8), one {@code key = value} per line,
 * {@code #} comments, every key one of the command's config keys. An unknown key is refused
 * rather than ignored, so a misspelt setting never silently falls back to its default.
 *
 * <p>Values are taken as written. Relative paths in particular are <em>not</em> resolved
 * against the file's folder: like a path given as a flag, they are relative to the working
 * directory the command runs in (for Spark, the driver's; with a cluster file system, its home
 * directory). The {@code jobs/} scripts run from the project root, so {@code conf/} files say
 * {@code train = sample-data/iris/train.csv}.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * The file's keys and values.
     *
     * @param path the file, as the user gave it (quoted in errors as given)
     * @param keys the keys the command knows
     * @throws IllegalArgumentException with a one-line message naming the file, if it is missing,
     *     unreadable or holds a key not in {@code keys}
     */
    static Map<String, String> read(String path, Set<String> keys) {
        Properties properties = load(path);
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(keys);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + ": unknown key" + (unknown.size() == 1 ? " '" : "s '")
                    + String.join("', '", unknown) + "'; the keys are " + String.join(", ", new TreeSet<>(keys)));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            values.put(key, properties.getProperty(key).strip());
        }
        return values;
    }

    private static Properties load(String path) {
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(path + ": is a directory, not a config file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(path + ": no such config file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read it: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed \\uXXXX escape this way.
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
