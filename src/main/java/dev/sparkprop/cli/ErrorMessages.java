package dev.sparkprop.cli;

import java.util.List;
import org.apache.spark.SparkException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into the single line {@link Main} prints after {@code sparkprop: error: }.
 * Stack traces are for {@code --verbose}; a user should be able to act on this line alone.
 */
final class ErrorMessages {

    private ErrorMessages() {
    }

    /** The line for a refused command line or config (exit 2). */
    static String usage(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(unmatched);
        }
        return firstLine(e.getMessage());
    }

    /**
     * Picocli's own text for an unknown argument spans several lines and prints the whole usage;
     * this names the first unknown argument, offers picocli's spelling suggestions and points to
     * {@code --help}.
     */
    private static String unmatched(UnmatchedArgumentException e) {
        String argument = e.getUnmatched().get(0);
        CommandSpec command = e.getCommandLine().getCommandSpec();
        String help = "'" + command.qualifiedName() + " --help' lists ";
        if (argument.startsWith("-")) {
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            List<String> suggestions = e.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
            return "unknown option '" + name + "'" + hint + "; " + help + "the options";
        }
        if (!command.subcommands().isEmpty()) {
            return "unknown command '" + argument + "'; the commands are "
                    + String.join(", ", command.subcommands().keySet());
        }
        return "unexpected argument '" + argument + "'; " + help + "what it takes";
    }

    /**
     * The line for a job that failed while running (exit 1). Spark wraps a task's exception in a
     * {@link SparkException} whose message carries the remote stack trace, so the wrapper is
     * skipped for its cause. The exceptions this project throws on purpose are worded for the
     * user and print as they are; anything else is prefixed with its class name, which is often
     * the only hint (FileNotFoundException, AnalysisException, ...).
     */
    static String failure(Throwable e) {
        Throwable shown = e;
        while (shown instanceof SparkException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = firstLine(shown.getMessage());
        if (message.isEmpty()) {
            return shown.getClass().getName();
        }
        return isWorded(shown) ? message : shown.getClass().getSimpleName() + ": " + message;
    }

    private static boolean isWorded(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ArithmeticException || e.getClass().getName().startsWith("dev.sparkprop.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
