package dev.sparkprop.cli;

import dev.sparkprop.model.Provenance;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sparkprop} command line. Each action is a subcommand ({@code sparkprop train ...});
 * this class only wires them together and turns every failure into one line and an exit code:
 *
 * <pre>
 *   0  the command did its job
 *   1  the job failed while running (bad data, a cost that became NaN, a Spark failure)
 *   2  the command line or the config was refused before anything ran
 * </pre>
 *
 * Errors go to stderr as {@code sparkprop: error: <one line>}; {@code --verbose} adds the stack
 * trace (and leaves Spark's logging at its own INFO level).
 *
 * <p>A new subcommand is a {@code @Command(mixinStandardHelpOptions = true)} class listed in
 * {@code subcommands} below. It reaches the output streams through an {@link Invocation} mix-in,
 * refuses input by throwing what {@link Invocation#refuse} makes (exit 2) and lets anything else
 * propagate (exit 1); one that needs Spark runs its work in {@link SparkSessions#withSession}.
 * {@code -h/--help} and {@code -V/--version} come from picocli's standard mix-in; the version
 * provider is inherited by every subcommand ({@code scope = INHERIT}), so
 * {@code sparkprop train --version} answers too.
 */
@Command(name = "sparkprop", subcommands = {TrainCommand.class, SweepCommand.class, EvaluateCommand.class, PredictCommand.class,
        InspectCommand.class, ThetaCommand.class, ExplainCommand.class, GradientCheckCommand.class, GenerateCommand.class,
        UiCommand.class},
        description = "Data-parallel training of multilayer perceptrons on Apache Spark.",
        synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = ScopeType.INHERIT)
public final class Main implements Callable<Integer> {

    /** Exit code of a command that did its job. */
    static final int EXIT_OK = 0;
    /** Exit code of a job that failed while running. */
    static final int EXIT_FAILED = 1;
    /** Exit code of a command line or config refused before anything ran. */
    static final int EXIT_USAGE = 2;

    private static final String ERROR_PREFIX = "sparkprop: error: ";

    /** Inherited, so it may stand before or after the subcommand's name. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors and keep Spark's own (INFO) logging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Where results go (the summary line, progress); subcommands print through {@link Invocation}. */
    final PrintStream out;
    /** Where diagnostics go (the resolved config, errors). */
    final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line against the given streams and returns the exit code; never exits the
     * JVM, so tests call it directly.
     */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Main(out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        // Later settings win everywhere (defaults < file < flags), so a repeated flag does too.
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> report(err, ErrorMessages.usage(e), e,
                arguments, EXIT_USAGE));
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> report(err,
                ErrorMessages.failure(e), e, originalArgs(parseResult), EXIT_FAILED));
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /** Reached when no subcommand was named. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + "); 'sparkprop --help' explains them");
    }

    /** Prints the one-line error (and with --verbose the stack trace) and returns {@code exitCode}. */
    private static int report(PrintStream err, String message, Exception e, String[] args, int exitCode) {
        err.println(ERROR_PREFIX + message);
        // The handlers run before (or without) the parsed --verbose field, so read the raw line.
        if (Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace(err);
        }
        return exitCode;
    }

    private static String[] originalArgs(ParseResult parseResult) {
        return parseResult == null ? new String[0] : parseResult.originalArgs().toArray(new String[0]);
    }

    /** The {@code Main} a subcommand runs under: the root of its command tree. */
    static Main of(CommandSpec command) {
        return (Main) command.root().userObject();
    }

    /**
     * What {@code --version} prints: this build (the jar manifest's Implementation-Version, "dev"
     * when run from classes, as recorded in every model's provenance), the Spark on the class
     * path and the JVM.
     */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            // Spark's version lives in its Scala package object, which Java reaches as package$.
            return new String[] {"sparkprop " + Provenance.SPARKPROP_VERSION,
                    "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
