package dev.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.train.ConfigKey;
import dev.sparkprop.train.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Config keys" tables carry each key's Spark ML Param beside it (their last
 * column): the Param's name, with its default in parentheses where the estimators' default is
 * not the command line's (MLPC's), or "—" for a key without a Param. This reads that column back
 * and compares it with the Params the estimators build from the key table, so the two lists a
 * user reads side by side cannot drift.
 */
class SparkMlParamsTest {

    private static final Pattern NAME = Pattern.compile("`([a-z0-9-]+)`");

    /** The cell the README should show for {@code keys}, one row of the table. */
    private static String expectedCell(List<ConfigKey<?>> keys) {
        StringJoiner cell = new StringJoiner(", ");
        for (ConfigKey<?> key : keys) {
            if (TrainingParams.NOT_PARAMS.contains(key.name())) {
                continue;
            }
            String name = "`" + key.sparkMlName() + "`";
            cell.add(Objects.equals(key.sparkMlDefaultText(), key.defaultText()) ? name
                    : name + " (" + key.sparkMlDefaultText() + ")");
        }
        return cell.length() == 0 ? "—" : cell.toString();
    }

    @Test
    void theReadmeShowsEachKeysParamBesideIt() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("### Config keys");
        assertTrue(start >= 0, "README.md has no '### Config keys' section");
        Map<String, String> shown = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<ConfigKey<?>> keys = new ArrayList<>();
            Matcher matcher = NAME.matcher(cells[1]);
            while (matcher.find()) {
                keys.add(ConfigKeys.named(matcher.group(1)).orElseThrow());
            }
            String row = cells[1].trim();
            shown.put(row, cells.length > 4 ? cells[cells.length - 1].trim() : "(no Param column)");
            expected.put(row, expectedCell(keys));
        }
        assertEquals(expected, shown, "README Config keys: the Spark ML Param column vs the estimators' Params");
    }
}
