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
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
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
 * <p>A JVM per command would cost minutes, so {@code jobs/sparkprop.sh NAME ARGS...} (or
 * {@code jobs/NAME.sh ARGS...}, a link to it) runs as {@code sparkprop NAME ARGS...} through
 * {@link Main#run} in this JVM, which is what the launcher executes (checked below), in the shared
 * local Spark session. That differs from a shell in three ways, on purpose:
 * <ul>
 *   <li>{@code out/} is this test's temporary directory: arguments starting with {@code out/}, and
 *       a train config's {@code output}, are mapped there, so nothing is written into the project;
 *   <li>every command joins the one session, {@code local[2]}: {@code --master 'local[1]'} and
 *       {@code JAVA_OPTS} (flags for the launcher's JVM, such as turning the Spark UI on) cannot
 *       change a running session. Results depend on the partitions, not on the master's cores, so
 *       the printed costs and accuracies are the same;
 *   <li>the block that needs a standalone cluster ({@code jobs/cluster-up.sh}, {@code SPARK_HOME},
 *       {@code spark://}) runs for real, with bash, in {@code LabGuideIT} instead;
 *   <li>the Scala lab's block, which types its {@code ```scala} block into
 *       {@code jobs/sparkprop.sh shell}, runs for real in {@code ShellLabIT} instead.
 * </ul>
 */
class LabGuideTest {

    /** The one launcher; the guide's other {@code jobs/NAME.sh} commands are links to it. */
    private static final Path LAUNCHER = Path.of("jobs/sparkprop.sh");
    /** The line of the launcher that lists the commands it accepts. */
    private static final Pattern COMMANDS = Pattern.compile("(?m)^SPARKPROP_COMMANDS=\\(([a-z ]+)\\)$");
    /** A command in the list {@code sparkprop --help} prints. */
    private static final Pattern MAIN_COMMAND = Pattern.compile("(?m)^  ([a-z]+) ");
    /** The command the launcher benchmarks with instead of running sparkprop. */
    private static final String BENCH = "bench";
    /** The command the launcher starts spark-shell with instead of running sparkprop. */
    private static final String SHELL = "shell";

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
    void theGuideHasItsLabsEachWithCommandsAndTheirOutput() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), labs.stream().map(Lab::number).toList());
        for (Lab lab : labs) {
            assertFalse(lab.blocks().isEmpty(), "Lab " + lab.number() + " has no ```bash block");
            for (Block block : lab.blocks()) {
                assertFalse(block.commands().isEmpty(), "Lab " + lab.number() + ": empty block\n" + block.script());
                assertFalse(block.expected().isEmpty(), "Lab " + lab.number() + ": no ```text block under\n"
                        + block.script());
                assertEquals(LabGuide.isShellBlock(block), !block.input().isBlank(), "Lab " + lab.number()
                        + ": a ```scala block goes under jobs/sparkprop.sh shell, and only there\n" + block.script());
            }
        }
    }

    /**
     * Both ways jobs/sparkprop.sh starts the program (spark-submit, plain java) end in Main with
     * the command and its arguments, and the commands it accepts are Main's, bench and shell.
     * (shell's two ways, spark-shell and SparkSubmit running the REPL, are ShellLabIT's.)
     */
    @Test
    void theLauncherPassesTheCommandAndItsArgumentsToMain() throws IOException {
        String launcher = Files.readString(LAUNCHER).replace("\\\n", " ");
        assertTrue(launcher.contains("\n  sparkprop_launch \"$command\" \"$@\"\n"),
                LAUNCHER + " does not launch its command with its arguments");
        List<String> execs = launcher.lines().map(String::strip).filter(line -> line.startsWith("exec "))
                .filter(line -> !line.contains("spark-shell") && !line.contains("org.apache.spark.deploy.SparkSubmit"))
                .toList();
        assertEquals(2, execs.size(), "exec lines of " + LAUNCHER + ": " + execs);
        for (String exec : execs) {
            assertTrue(exec.contains("dev.sparkprop.cli.Main") && exec.endsWith("\"$@\""), exec);
        }
        String help = CliRun.of("--help").out();
        assertTrue(help.contains("\nCommands:\n"), help);
        Set<String> expected = new HashSet<>(Set.of(BENCH, SHELL));
        Matcher command = MAIN_COMMAND.matcher(help.substring(help.indexOf("\nCommands:\n")));
        while (command.find()) {
            expected.add(command.group(1));
        }
        assertEquals(expected, Set.copyOf(launcherCommands()),
                "the commands of " + LAUNCHER + " against Main's and bench");
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
            if (LabGuide.isClusterBlock(block) || LabGuide.isShellBlock(block)) {
                continue; // LabGuideIT's, ShellLabIT's
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
        List<String> launched = launchedCommandLine(command);
        String subcommand = launched.get(0);
        List<String> written = launched.subList(1, launched.size());
        List<String> arguments = new ArrayList<>(List.of(subcommand));
        written.stream().map(LabGuideTest::inWork).forEach(arguments::add);
        String output = LabRun.option(written, "--output");
        if (subcommand.equals("train") && output == null) {
            output = configuredOutput(command, written);
            arguments.addAll(List.of("--output", inWork(output)));
        }
        return new LabRun(command, subcommand, written, CliRun.of(arguments.toArray(String[]::new)),
                output == null ? null : Path.of(inWork(output)));
    }

    /**
     * {@code sparkprop COMMAND ARGS...} as the launcher runs it: from {@code jobs/sparkprop.sh
     * COMMAND ARGS...}, or from {@code jobs/COMMAND.sh ARGS...} after checking that it is a link to
     * the launcher; COMMAND must be one the launcher accepts and Main runs.
     */
    private static List<String> launchedCommandLine(Command command) {
        String program = command.program();
        Path script = Path.of(program);
        assertTrue(program.matches("jobs/[a-z-]+\\.sh") && Files.isExecutable(script),
                program + ": the guide runs only the executable scripts in jobs/");
        List<String> launched = new ArrayList<>(command.arguments());
        if (!script.equals(LAUNCHER)) {
            try {
                assertTrue(Files.isSymbolicLink(script) && Files.isSameFile(script, LAUNCHER),
                        program + " is not a link to " + LAUNCHER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            launched.add(0, script.getFileName().toString().replaceFirst("\\.sh$", ""));
        }
        assertFalse(launched.isEmpty(), command.text() + ": no command for " + LAUNCHER);
        assertTrue(launcherCommands().contains(launched.get(0)) && !List.of(BENCH, SHELL).contains(launched.get(0)),
                command.text() + ": " + launched.get(0) + " is not a sparkprop command " + LAUNCHER + " accepts ("
                        + launcherCommands() + ")");
        return launched;
    }

    /** The commands jobs/sparkprop.sh accepts: its SPARKPROP_COMMANDS line. */
    private static List<String> launcherCommands() {
        try {
            Matcher commands = COMMANDS.matcher(Files.readString(LAUNCHER));
            assertTrue(commands.find(), LAUNCHER + " has no SPARKPROP_COMMANDS=(...) line");
            return List.of(commands.group(1).strip().split(" +"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output a train command's config and flags resolve to; it must lie under out/. */
    private static String configuredOutput(Command command, List<String> trainArguments) {
        List<String> dryRun = new ArrayList<>(List.of("train"));
        dryRun.addAll(trainArguments);
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
            for (String shown : LabGuide.shownPictures(lab)) {
                assertSameShape(lab, Path.of(shown), work.resolve("out/" + shown.substring(LabGuide.PICTURES.length())));
            }
        }
    }

    /** A picture the guide shows is kept in the project, and the run wrote one of the same size where it says. */
    private static void assertSameShape(Lab lab, Path kept, Path written) {
        String what = "Lab " + lab.number() + " shows " + kept;
        assertTrue(Files.isRegularFile(kept), what + ", which is not in the project");
        assertTrue(Files.isRegularFile(written), what + ", a copy of " + work.relativize(written)
                + ", which the run did not write");
        try {
            BufferedImage keptImage = ImageIO.read(kept.toFile());
            BufferedImage writtenImage = ImageIO.read(written.toFile());
            assertTrue(keptImage != null && writtenImage != null, what + ": not a PNG both times");
            assertEquals(writtenImage.getWidth() + " x " + writtenImage.getHeight(),
                    keptImage.getWidth() + " x " + keptImage.getHeight(), what + ": not the size the run draws");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
