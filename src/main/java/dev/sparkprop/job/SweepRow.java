package dev.sparkprop.job;

import java.util.Map;
import java.util.StringJoiner;

/**
 * One candidate of a sweep: its number (1-based, in the grid's order), its value of each axis,
 * its scores and whether it was chosen.
 */
record SweepRow(int number, Map<String, String> settings, SweepValidation.Scores scores, boolean best) {

    /** {@code network=4-8:tanh-3:softmax lambda=0.3}. */
    String describe() {
        StringJoiner text = new StringJoiner(" ");
        settings.forEach((key, value) -> text.add(key + "=" + value));
        return text.toString();
    }
}
