package dev.sparkprop.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * What a command gets from the command line it runs under, mixed into each command with
 * {@code @Mixin}: the output streams {@link Main#run} was given and a way to refuse input with
 * exit code 2. One field in place of the {@code @ParentCommand Main} and {@code @Spec CommandSpec}
 * every command used to declare.
 */
@Command // a mix-in without options: picocli takes a class for a mix-in only if it is annotated
final class Invocation {

    /** The command this is mixed into; picocli injects it. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** Where results go: the summary line, progress, tables. */
    PrintStream out() {
        return Main.of(command).out;
    }

    /** Where diagnostics go: the resolved config, errors. */
    PrintStream err() {
        return Main.of(command).err;
    }

    /** The parsed command line, to tell which options were typed. */
    ParseResult parseResult() {
        return command.commandLine().getParseResult();
    }

    /**
     * A refusal of the command line or config for the caller to throw: {@link Main} prints
     * {@code message} as the one error line and exits with 2.
     */
    ParameterException refuse(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** As {@link #refuse(String)}, keeping the exception that explains it for {@code --verbose}. */
    ParameterException refuse(String message, Throwable cause) {
        return new ParameterException(command.commandLine(), message, cause);
    }
}
