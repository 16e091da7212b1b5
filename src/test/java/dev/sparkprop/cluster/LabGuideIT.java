package dev.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.testing.LabGuide;
import dev.sparkprop.testing.LabGuide.Block;
import dev.sparkprop.testing.LabGuide.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster block of the README's Lab guide, run for real: bash runs its lines as written
 * ({@code jobs/cluster-up.sh}, the train job submitted through the cluster's {@code spark-submit},
 * {@code jobs/cluster-down.sh}), and its stdout is checked against the text block under it, as
 * {@code LabGuideTest} checks the blocks it runs in local mode.
 *
 * <p>Two things differ from a user's shell, so that neither a cluster on the default ports nor the
 * project's own {@code cluster/} and {@code out/} are touched: the block runs in a scratch project
 * under {@code target/it-cluster/runs/lab-guide} whose {@code jobs/}, {@code conf/},
 * {@code sample-data/} and {@code target/} link to the project's; and the master takes any free
 * port ({@code MASTER_PORT=0}), {@value #DOCUMENTED_MASTER} standing for the URL it got, in the
 * commands and in the expected output alike.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LabGuideIT {

    /** The master URL the guide shows: jobs/cluster-up.sh's default. */
    static final String DOCUMENTED_MASTER = "spark://127.0.0.1:7077";

    private static final Pattern CLUSTER_UP = Pattern.compile("cluster up: (spark://\\S+),");
    private static final List<String> LINKED = List.of("jobs", "conf", "sample-data", "target");

    @Test
    void theClusterBlockRunsAsWrittenAndLeavesNothingRunning() throws Exception {
        List<Lab> labs = LabGuide.read(LoopbackCluster.ROOT.resolve("README.md"));
        List<Block> clusterBlocks = labs.stream().flatMap(lab -> lab.blocks().stream())
                .filter(LabGuide::isClusterBlock).toList();
        assertEquals(1, clusterBlocks.size(), "cluster blocks in the Lab guide");
        Block block = clusterBlocks.get(0);
        assertTrue(block.script().contains(DOCUMENTED_MASTER), "the block does not name " + DOCUMENTED_MASTER);
        assertTrue(block.commands().stream().anyMatch(command -> command.program().equals("jobs/cluster-down.sh")),
                "the block starts a cluster and never stops it");

        Path project = scratchProject();
        Process bash = start(project, block.script().replace(DOCUMENTED_MASTER, "$(cat cluster/master-url)"));
        try {
            assertTrue(bash.waitFor(8, TimeUnit.MINUTES), "the block did not finish within 8 minutes\n"
                    + output(project));
            String stdout = Files.readString(project.resolve("stdout.log"));
            assertEquals(0, bash.exitValue(), output(project));
            Matcher up = CLUSTER_UP.matcher(stdout);
            assertTrue(up.find(), output(project));
            LabGuide.assertShows(block.expected(), stdout.replace(up.group(1), DOCUMENTED_MASTER), "Lab 5, cluster");

            // Executors ran on both workers, and jobs/cluster-down.sh stopped everything the block started.
            for (String worker : List.of("work1", "work2")) {
                assertTrue(hasApplication(project.resolve("cluster").resolve(worker)), worker + " ran no executor");
            }
            try (Stream<Path> files = Files.list(project.resolve("cluster"))) {
                assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".pid")).toList());
            }
            assertEquals(List.of(), awaitExit(startedIn(project)), "still running after jobs/cluster-down.sh");
            for (Lab lab : labs) {
                for (String file : LabGuide.namedFiles(lab)) {
                    if (block.script().contains(file.substring(0, file.lastIndexOf('/')))) {
                        assertTrue(Files.isRegularFile(project.resolve(file)), "Lab " + lab.number() + " names " + file);
                    }
                }
            }
            for (String output : outputs(block)) {
                assertTrue(Files.isRegularFile(project.resolve(output).resolve("model.sparkprop")), output);
            }
        } finally {
            stop(project, bash);
        }
    }

    /** A fresh directory that looks like the project to the jobs scripts (they cd to their parent). */
    private static Path scratchProject() throws IOException, InterruptedException {
        Path old = LoopbackCluster.WORK.resolve("runs/lab-guide");
        if (Files.isDirectory(old.resolve("cluster"))) {
            cleanUp(old); // a run killed before its finally block
        }
        Path project = LoopbackCluster.runDirectory("lab-guide");
        for (String name : LINKED) {
            Files.createSymbolicLink(project.resolve(name), LoopbackCluster.ROOT.resolve(name));
        }
        return project;
    }

    private static Process start(Path project, String script) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script)
                .directory(project.toFile())
                .redirectOutput(project.resolve("stdout.log").toFile())
                .redirectError(project.resolve("stderr.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("MASTER_PORT", "0");
        env.put("MASTER_UI_PORT", "0");
        for (String inherited : List.of("SPARK_HOME", "SPARKPROP_SUBMIT_ARGS", "SPARKPROP_CLUSTER_DIR", "SPARK_CONF_DIR",
                "HADOOP_CONF_DIR", "JAVA_OPTS")) {
            env.remove(inherited); // the block sets what it needs; a user's settings must not leak in
        }
        return builder.start();
    }

    /** The out/ directories the block's commands write. */
    private static List<String> outputs(Block block) {
        return block.commands().stream().flatMap(command -> command.arguments().stream())
                .filter(argument -> argument.startsWith("out/")).toList();
    }

    private static boolean hasApplication(Path workerDirectory) throws IOException {
        if (!Files.isDirectory(workerDirectory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(workerDirectory)) {
            return entries.anyMatch(entry -> entry.getFileName().toString().startsWith("app-"));
        }
    }

    /** Processes whose command line mentions the scratch project: its cluster, driver and executors. */
    private static List<ProcessHandle> startedIn(Path project) {
        String path = project.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(path)).toList();
    }

    /** Those of {@code processes} still alive after up to 30 s (executors exit after their worker). */
    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** Stops what the block left behind, by PID: bash and its children, then the cluster. */
    private static void stop(Path project, Process bash) throws IOException, InterruptedException {
        if (bash.isAlive()) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly().waitFor();
        }
        cleanUp(project);
    }

    private static void cleanUp(Path project) throws IOException, InterruptedException {
        if (Files.isDirectory(project.resolve("cluster"))) {
            Process down = new ProcessBuilder("jobs/cluster-down.sh").directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(project.resolve("cleanup.log").toFile()).start();
            if (!down.waitFor(2, TimeUnit.MINUTES)) {
                down.destroyForcibly();
            }
        }
        for (ProcessHandle survivor : awaitExit(startedIn(project))) {
            survivor.destroyForcibly();
        }
    }

    private static String output(Path project) throws IOException {
        return "stdout:\n" + Files.readString(project.resolve("stdout.log")) + "\nstderr:\n"
                + Files.readString(project.resolve("stderr.log"));
    }
}
