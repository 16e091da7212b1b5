package dev.sparkprop.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags Spark 3.5 needs on Java 17, for the JVMs a test starts itself: the one list in
 * {@code jobs/spark-java17.properties}, which the pom hands to the test JVMs and the launchers
 * read too. Tests run from the project root.
 */
public final class SparkJavaOptions {

    /** The file, relative to the project root. */
    public static final Path FILE = Path.of("jobs", "spark-java17.properties");
    private static final String KEY = "spark.java17.opts";

    private SparkJavaOptions() {
    }

    /** The flags, in the file's order. */
    public static List<String> flags() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(FILE)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
        String value = properties.getProperty(KEY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(FILE + " has no " + KEY);
        }
        return Arrays.asList(value.strip().split("\\s+"));
    }
}
