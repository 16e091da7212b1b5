package dev.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code target/sparkprop_2.12-spark3.5-cluster.jar} submitted with spark-submit to a standalone cluster of
 * separate JVMs trains the same Θ as local mode, with tasks on both executors, and shrugs off a
 * task that fails once.
 */
@ExtendWith(LoopbackCluster.Resolver.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterTrainingIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void theClusterJarCarriesPicocliButNotSparkOrScala() throws Exception {
        try (JarFile jar = new JarFile(ClusterSubmission.CLUSTER_JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("dev/sparkprop/cli/Main.class"));
            assertTrue(names.contains("picocli/CommandLine.class"), "picocli is not in the cluster jar");
            // The bundled OpenBLAS, as linalg.BlasLibrary loads it, and not the presets it does not use.
            for (String needed : new String[] {"org/bytedeco/javacpp/Loader.class",
                "org/bytedeco/openblas/global/openblas_nolapack.class",
                "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
                "org/bytedeco/openblas/linux-x86_64/libgfortran.so.5",
                "org/bytedeco/openblas/linux-x86_64/libjniopenblas_nolapack.so"}) {
                assertTrue(names.contains(needed), needed + " is not in the cluster jar");
            }
            assertFalse(names.contains("org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so"),
                    "the full LAPACK preset's 24 MB JNI library is in the cluster jar");
            for (String provided : new String[] {"org/apache/spark/", "scala/", "breeze/", "dev/ludovic/netlib/"}) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(provided)), provided + " is inside the cluster jar");
            }
            assertEquals("dev.sparkprop.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void trainsOnBothExecutorsAndMatchesLocalMode(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("undisturbed");
        Path model = directory.resolve("model");
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory, Map.of(), IrisRun.config(model))) {
            assertEquals(0, run.waitFor(RUN_TIMEOUT), run::describe);
            EventLog log = run.eventLog();
            assertEquals(Set.of("0", "1"), log.executorsWithSuccessfulTasks("treeAggregate at SparkGradient"),
                    "executors that ran training steps");
            assertEquals(List.of(), log.failedTasks());
            assertTrue(run.stdout().contains("\"steps\":" + IrisRun.EPOCHS * IrisRun.STEPS_PER_EPOCH), run.stdout());
        }
        assertArrayEquals(IrisRun.localTheta(), IrisRun.theta(model), 1e-10);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged(LoopbackCluster cluster) throws Exception {
        Path directory = LoopbackCluster.runDirectory("task-fails-once");
        Path model = directory.resolve("model");
        Map<String, String> failAtStep20 = Map.of("spark.sparkprop.test.failOnceAtStep", "20");
        try (ClusterSubmission run = ClusterSubmission.start(cluster, directory, failAtStep20, IrisRun.config(model))) {
            assertEquals(0, run.waitFor(RUN_TIMEOUT), run::describe);
            EventLog log = run.eventLog();
            List<JsonNode> failed = log.failedTasks();
            assertEquals(1, failed.size(), "failed task attempts: " + failed);
            JsonNode reason = failed.get(0).path("Task End Reason");
            assertEquals("ExceptionFailure", reason.path("Reason").asText());
            assertTrue(reason.path("Description").asText().contains("injected task failure"), reason.toString());
            JsonNode stage = failed.get(0).path("Stage ID");
            List<String> partition0 = log.events("SparkListenerTaskEnd").stream()
                    .filter(task -> task.path("Stage ID").equals(stage)
                            && task.path("Task Info").path("Partition ID").asInt() == 0)
                    .map(task -> task.path("Task Info").path("Attempt").asInt() + ":"
                            + task.path("Task End Reason").path("Reason").asText())
                    .toList();
            assertEquals(List.of("0:ExceptionFailure", "1:Success"), partition0, "partition 0's attempts in that step");
        }
        assertArrayEquals(IrisRun.localTheta(), IrisRun.theta(model), 1e-10);
    }
}
