package dev.sparkprop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one list of Spark's Java 17 flags reaches the test JVMs (the pom's argLine reads the same file). */
class SparkJavaOptionsTest {

    @Test
    void theTestJvmRunsWithEveryFlagOfTheFile() {
        List<String> flags = SparkJavaOptions.flags();
        assertEquals("-XX:+IgnoreUnrecognizedVMOptions", flags.get(0));
        assertTrue(flags.stream().filter(flag -> flag.startsWith("--add-opens=")).count() >= 15, flags.toString());
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(jvm.containsAll(flags), "this JVM runs with " + jvm + "\nbut the file lists " + flags);
    }
}
