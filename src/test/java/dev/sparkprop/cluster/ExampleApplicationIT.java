package dev.sparkprop.cluster;

import dev.sparkprop.testing.BuildOutput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example application ({@code src/example}, {@code target/sparkprop_2.12-spark3.5-example.jar}) is a user's
 * Spark program with sparkprop as a library: its jar holds only its own package, and submitted to
 * the loopback cluster with {@code --jars target/sparkprop_2.12-spark3.5-cluster.jar} it fits its Pipeline with
 * training steps on both executors and prints the test accuracy.
 */
@ExtendWith(LoopbackCluster.Resolver.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ExampleApplicationIT {

    static final Path EXAMPLE_JAR = BuildOutput.jar("-example");
    static final String MAIN_CLASS = "dev.sparkprop.example.IrisPipeline";

    private static final Pattern ACCURACY = Pattern.compile("(?m)^test accuracy (\\d\\.\\d{4}) on (\\d+) examples$");

    @Test
    void theExampleJarHoldsTheApplicationAndNoneOfSparkprop() throws Exception {
        try (JarFile jar = new JarFile(EXAMPLE_JAR.toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();
            assertEquals(List.of("dev/sparkprop/example/IrisPipeline.class"), classes);
            assertEquals(MAIN_CLASS, jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        try (JarFile jar = new JarFile(ClusterSubmission.CLUSTER_JAR.toFile())) {
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().startsWith("dev/sparkprop/example/")),
                    "the example is inside the cluster jar");
        }
    }

    @Test
    void runsThroughSparkSubmitWithSparkpropOnJars(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("example-application");
        try (ClusterSubmission run = ClusterSubmission.application(cluster, directory, EXAMPLE_JAR, MAIN_CLASS,
                LoopbackCluster.ROOT.resolve("sample-data/iris/train.csv").toString(),
                LoopbackCluster.ROOT.resolve("sample-data/iris/test.csv").toString())) {
            assertEquals(0, run.waitFor(Duration.ofMinutes(4)), run::describe);
            assertTrue(run.stdout().contains("trained 4-8:tanh-3:softmax on 120 examples\n"), run::describe);
            Matcher printed = ACCURACY.matcher(run.stdout());
            assertTrue(printed.find(), run::describe);
            assertEquals("30", printed.group(2), "test examples");
            double accuracy = Double.parseDouble(printed.group(1));
            assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
            EventLog log = run.eventLog();
            assertEquals(Set.of("0", "1"), log.executorsWithSuccessfulTasks("treeAggregate at SparkGradient"),
                    "executors that ran training steps");
            assertEquals(List.of(), log.failedTasks());
        }
    }
}
