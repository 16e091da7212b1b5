package dev.sparkprop.data;

import java.util.Locale;
import java.util.Set;

/**
 * Number parsing shared by the parsers, with one rule: only finite values are data.
 *
 * <p>{@link Double#parseDouble} happily returns NaN and infinities for {@code "NaN"},
 * {@code "Infinity"} or {@code "1e999"}; one such value silently poisons every weight it
 * touches during training, so they are refused at the door. Lower-case spellings like
 * {@code nan} and {@code inf} (written by C and Python) are not numbers to Java at all, but are
 * reported as non-finite too because that is what their author meant.
 */
final class Numbers {

    private static final Set<String> NON_FINITE_WORDS = Set.of("nan", "inf", "infinity");

    private Numbers() {
    }

    /** The value of {@code text}, or NaN when it is not a number; callers refuse all non-finite. */
    static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /** Why {@code text} was refused: {@code "is not finite"} or {@code "is not a number"}. */
    static String fault(String text) {
        return looksNonFinite(text) ? "is not finite" : "is not a number";
    }

    /** True for NaN and infinities in any common spelling, and for overflowing numbers. */
    static boolean looksNonFinite(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (word.startsWith("+") || word.startsWith("-")) {
            word = word.substring(1);
        }
        return NON_FINITE_WORDS.contains(word) || Double.isInfinite(parseOrNaN(text));
    }

    /**
     * Refuses a text label that is empty or spells a non-finite number: such a label is almost
     * always a missing value, and turning it into a class of its own would hide that.
     */
    static void checkLabel(String source, long line, String column, String label) {
        String where = "label column " + DataFormatException.quote(column);
        if (label.isEmpty()) {
            throw new DataFormatException(source, line, where + " is empty");
        }
        if (looksNonFinite(label)) {
            throw new DataFormatException(source, line,
                    where + " value " + DataFormatException.quote(label) + " is not finite");
        }
    }
}
