package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sparkprop.testing.LabGuide;
import dev.sparkprop.testing.LabGuide.Block;
import dev.sparkprop.testing.LabGuide.Command;
import dev.sparkprop.testing.LabGuide.Lab;
import dev.sparkprop.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Lab guide, run as written: every command of every {@code ```bash} block, each
 * block's stdout against the {@code ```text} block under it ({@link LabGuide#assertShows}), the
 * files the labs name, and what each lab claims ({@link LabClaims}).
 *
 * <p>A JVM per command would cost minutes, so {@code jobs/NAME.sh ARGS...} runs as
 * {@code sparkprop NAME ARGS...} through {@link Main#run} in this JVM, which is what the script
 * executes (both checked below), in the shared local Spark session. That differs from a shell in
 * three ways, on purpose:
 * <ul>
 *   <li>{@code out/} is this test's temporary directory: arguments starting with {@code out/}, and
 *       a train config's {@code output}, are mapped there, so nothing is written into the project;
 *   <li>every command joins the one session, {@code local[2]}: {@code --master 'local[1]'} and
 *       {@code JAVA_OPTS} (flags for the launcher's JVM, such as turning the Spark UI on) cannot
 *       change a running session. Results depend on the partitions, not on the master's cores, so
 *       the printed costs and accuracies are the same;
 *   <li>the block that needs a standalone cluster ({@code jobs/cluster-up.sh}, {@code SPARK_HOME},
 *       {@code spark://}) runs for real, with bash, in {@code LabGuideIT} instead.
 * </ul>
 */
class LabGuideTest {

    private static final Pattern LAUNCH = Pattern.compile("(?m)^sparkprop_launch (\\S+) \"\\$@\"$");

    @TempDir
    static Path work;

    private static List<Lab> labs;
    /** The {@code out/NAME} directories the commands run here name. */
    private static final Set<String> outputs = new HashSet<>();

    @BeforeAll
    static void readTheGuideAndJoinSharedSpark() throws IOException {
        labs = LabGuide.read(Path.of("README.md"));
        SharedSpark.session(); // the commands join it instead of starting (and stopping) their own
    }

    @Test
    void theGuideHasSixLabsEachWithCommandsAndTheirOutput() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6), labs.stream().map(Lab::number).toList());
        for (Lab lab : labs) {
            assertFalse(lab.blocks().isEmpty(), "Lab " + lab.number() + " has no ```bash block");
            for (Block block : lab.blocks()) {
                assertFalse(block.commands().isEmpty(), "Lab " + lab.number() + ": empty block\n" + block.script());
                assertFalse(block.expected().isEmpty(), "Lab " + lab.number() + ": no ```text block under\n"
                        + block.script());
            }
        }
    }

    /** Both ways jobs/launch.sh starts the program (spark-submit, plain java) end in Main with the script's arguments. */
    @Test
    void theLauncherPassesItsArgumentsToMain() throws IOException {
        String launcher = Files.readString(Path.of("jobs/launch.sh")).replace("\\\n", " ");
        List<String> execs = launcher.lines().map(String::strip).filter(line -> line.startsWith("exec ")).toList();
        assertEquals(2, execs.size(), "exec lines of jobs/launch.sh: " + execs);
        for (String exec : execs) {
            assertTrue(exec.contains("dev.sparkprop.cli.Main") && exec.endsWith("\"$@\""), exec);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLabRunsAsWritten() {
        Stream<DynamicTest> perLab = labs.stream().map(lab -> dynamicTest("Lab " + lab.number() + ": " + lab.title(),
                () -> LabClaims.check(lab.number(), runLab(lab))));
        return Stream.concat(perLab, Stream.of(dynamicTest("the files the labs name exist",
                LabGuideTest::theNamedFilesExist)));
    }

    /** Runs the lab's blocks but a cluster's; checks each block's stdout against its text block. */
    private static List<LabRun> runLab(Lab lab) {
        List<LabRun> runs = new ArrayList<>();
        for (Block block : lab.blocks()) {
            if (LabGuide.isClusterBlock(block)) {
                continue; // LabGuideIT's
            }
            StringBuilder stdout = new StringBuilder();
            for (Command command : block.commands()) {
                LabRun run = run(command);
                assertEquals(Main.EXIT_OK, run.run().exitCode(), command.text() + "\n" + run.run().err());
                stdout.append(run.run().out());
                runs.add(run);
            }
            LabGuide.assertShows(block.expected(), stdout.toString(), "Lab " + lab.number());
        }
        return runs;
    }

    private static LabRun run(Command command) {
        assertFalse(LabGuide.needsCluster(command), command.text() + ": needs a cluster, but its block does not"
                + " start one with jobs/cluster-up.sh");
        command.environment().forEach((name, value) -> assertTrue(name.equals("JAVA_OPTS")
                && value.matches("(-D\\S+\\s*)+"), command.text() + ": the test knows no " + name + "=" + value));
        String subcommand = launchedSubcommand(command.program());
        List<String> arguments = new ArrayList<>(List.of(subcommand));
        command.arguments().stream().map(LabGuideTest::inWork).forEach(arguments::add);
        String output = LabRun.option(command.arguments(), "--output");
        if (subcommand.equals("train") && output == null) {
            output = configuredOutput(command);
            arguments.addAll(List.of("--output", inWork(output)));
        }
        return new LabRun(command, subcommand, CliRun.of(arguments.toArray(String[]::new)),
                output == null ? null : Path.of(inWork(output)));
    }

    /** NAME, after checking that jobs/NAME.sh exists and launches {@code sparkprop NAME "$@"}. */
    private static String launchedSubcommand(String program) {
        Path script = Path.of(program);
        String name = script.getFileName().toString().replaceFirst("\\.sh$", "");
        assertTrue(program.matches("jobs/[a-z-]+\\.sh") && Files.isExecutable(script),
                program + ": the guide runs only the executable scripts in jobs/");
        try {
            Matcher launch = LAUNCH.matcher(Files.readString(script));
            assertTrue(launch.find(), program + " does not end in sparkprop_launch NAME \"$@\"");
            assertEquals(name, launch.group(1), program + " launches another subcommand");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** The output a train command's config and flags resolve to; it must lie under out/. */
    private static String configuredOutput(Command command) {
        List<String> dryRun = new ArrayList<>(List.of("train"));
        dryRun.addAll(command.arguments());
        dryRun.add("--dry-run");
        CliRun run = CliRun.of(dryRun.toArray(String[]::new));
        assertEquals(Main.EXIT_OK, run.exitCode(), command.text() + "\n" + run.err());
        String output = run.configLines().get("output");
        assertTrue(output != null && output.startsWith("out/"), command.text() + " writes to " + output);
        return output;
    }

    /** An out/... argument (or --key=out/...) moved into this test's directory; any other as it is. */
    private static String inWork(String argument) {
        int value = argument.startsWith("--") && argument.contains("=out/") ? argument.indexOf('=') + 1 : 0;
        if (!argument.startsWith("out/", value)) {
            return argument;
        }
        String path = argument.substring(value);
        String[] parts = path.split("/");
        outputs.add(parts.length > 1 ? parts[0] + "/" + parts[1] : path);
        return argument.substring(0, value) + work.resolve(path);
    }

    /** The out/ files the labs name exist: those of the commands run here (the cluster's are LabGuideIT's). */
    private static void theNamedFilesExist() {
        Set<String> clusterOutputs = new HashSet<>();
        labs.stream().flatMap(lab -> lab.blocks().stream()).filter(LabGuide::isClusterBlock)
                .flatMap(block -> block.commands().stream()).flatMap(command -> command.arguments().stream())
                .filter(argument -> argument.startsWith("out/")).forEach(clusterOutputs::add);
        for (Lab lab : labs) {
            for (String file : LabGuide.namedFiles(lab)) {
                String directory = file.substring(0, file.lastIndexOf('/'));
                if (clusterOutputs.contains(directory)) {
                    continue;
                }
                assertTrue(outputs.contains(directory), "Lab " + lab.number() + " names " + file
                        + " but no command of the guide writes " + directory);
                Path path = work.resolve(file);
                assertTrue(Files.isRegularFile(path) && path.toFile().length() > 0, "Lab " + lab.number()
                        + " names " + file + ", which the run did not write");
            }
        }
    }
}
