package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkprop.testing.LabGuide.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One command of the README's Lab guide as {@code LabGuideTest} ran it.
 *
 * @param command the command as the guide writes it
 * @param subcommand the {@code sparkprop} subcommand it launches through {@code jobs/sparkprop.sh}
 * @param arguments the words after the subcommand, as the guide writes them
 * @param run what the CLI printed and returned
 * @param output where its {@code --output} (or its config's) went, or null when it has none
 */
record LabRun(Command command, String subcommand, List<String> arguments, CliRun run, Path output) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** True for {@code sparkprop SUBCOMMAND FIRST ...}. */
    boolean is(String subcommandName, String firstArgument) {
        return subcommand.equals(subcommandName) && !arguments.isEmpty() && arguments.get(0).equals(firstArgument);
    }

    /** The value the guide gives {@code --name}, or null. */
    String option(String name) {
        return option(arguments, name);
    }

    boolean has(String name) {
        return option(name) != null;
    }

    /** The summary JSON: the last line of a train run's stdout. */
    JsonNode summary() {
        String[] lines = run.out().strip().split("\\R");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError(command.text() + ": its last line is not JSON: " + lines[lines.length - 1], e);
        }
    }

    /** A number of the summary; fails when it has none. */
    double number(String field) {
        JsonNode value = summary().get(field);
        assertTrue(value != null && value.isNumber(), command.text() + ": the summary has no number " + field);
        return value.asDouble();
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} among {@code arguments}, or null. */
    static String option(List<String> arguments, String name) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals(name) && i + 1 < arguments.size()) {
                return arguments.get(i + 1);
            }
            if (arguments.get(i).startsWith(name + "=")) {
                return arguments.get(i).substring(name.length() + 1);
            }
        }
        return null;
    }
}
