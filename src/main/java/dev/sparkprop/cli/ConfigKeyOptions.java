package dev.sparkprop.cli;

import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Makes every key of the table {@link ConfigKeys#ALL} a long option of {@code train}
 * ({@code --learning-rate 0.5} or {@code --learning-rate=0.5}), with the key's label, help and
 * default, in the table's order, so a key added to the table is an option at once.
 *
 * <p>The options hold text, not numbers, and have no picocli default: a flag is only an
 * override laid over the config file, and {@link TrainConfig#fromMap} alone parses, fills in
 * defaults and validates. {@link #given} reads back the flags that were actually typed.
 */
final class ConfigKeyOptions implements IModelTransformer {

    /** Adds one option per config key to {@code train}'s model; picocli calls this once. */
    @Override
    public CommandSpec transform(CommandSpec command) {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String text = key.help() + (key.defaultText() != null ? " Default: " + key.defaultText() + "." : "");
            OptionSpec.Builder option = OptionSpec.builder("--" + key.name()).type(String.class)
                    .paramLabel(key.label()).description(text);
            if (isBoolean(key.defaultText())) {
                option.arity("0..1").fallbackValue("true"); // --overwrite alone means true
            }
            command.addOption(option.build());
        }
        return command;
    }

    private static boolean isBoolean(String defaultValue) {
        return "true".equals(defaultValue) || "false".equals(defaultValue);
    }

    /** The config keys given as flags on this command line, with their values as typed. */
    static Map<String, String> given(ParseResult parseResult) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : parseResult.matchedOptions()) {
            String key = option.longestName().substring(2);
            if (ConfigKeys.NAMES.contains(key)) {
                values.put(key, option.getValue());
            }
        }
        return values;
    }
}
