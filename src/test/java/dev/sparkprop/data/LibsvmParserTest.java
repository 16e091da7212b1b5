package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LibsvmParserTest {

    private static final String FILE = "data/x.libsvm";

    @Test
    void parsesSparseTokensIntoFeatures() {
        RawExample example = LibsvmParser.parse(FILE, 4, "1 2:0.5 4:-3e2", 5);
        assertEquals(new RawExample(FILE, 4, "1", new double[] {0, 0.5, 0, -300, 0}), example);
    }

    /** A text row of 2^18 hashed features is its few pairs, not 2 MB: the blocks decide later whether to expand it. */
    @Test
    void keepsTheRowSparse() {
        RawExample example = LibsvmParser.parse(FILE, 4, "3 7:1 9:0 262144:2", 1 << 18);
        assertTrue(example.isSparse());
        assertArrayEquals(new int[] {6, 262143}, example.indices(), "0-based; the explicit 0 is not stored");
        assertArrayEquals(new double[] {1, 2}, example.values());
        assertEquals(2, example.nonZeroCount());
    }

    @Test
    void acceptsRunsOfSpacesAndTabsAndKeepsTheLabelAsWritten() {
        RawExample example = LibsvmParser.parse(FILE, 1, "  +1\t\t1:2   3:4 \t", 3);
        assertEquals("+1", example.label());
        assertArrayEquals(new double[] {2, 0, 4}, example.features());
    }

    @Test
    void readsABareLabelAsAllZeros() {
        RawExample example = LibsvmParser.parse(FILE, 9, "-1", 3);
        assertEquals("-1", example.label());
        assertArrayEquals(new double[3], example.features());
    }

    @Test
    void reportsTheHighestIndexOrZeroForABareLabel() {
        assertEquals(785, LibsvmParser.maxIndex(FILE, 1, "0 3:1 785:0.25"));
        assertEquals(0, LibsvmParser.maxIndex(FILE, 1, "7"));
    }

    @Test
    void refusesAFeatureCountBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> LibsvmParser.parse(FILE, 1, "1", 0));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("", "empty line"),
                Arguments.of(" \t ", "empty line"),
                Arguments.of("1 3", "malformed token \"3\"; expected INDEX:VALUE"),
                Arguments.of("1 3:", "malformed token \"3:\"; expected INDEX:VALUE"),
                Arguments.of("1 :2", "malformed token \":2\"; expected INDEX:VALUE"),
                Arguments.of("1 a:2", "feature index \"a\" in token \"a:2\" is not an integer"),
                Arguments.of("1 1.5:2", "feature index \"1.5\" in token \"1.5:2\" is not an integer"),
                Arguments.of("1 0:2", "feature index 0 in token \"0:2\" is below 1; indices are 1-based"),
                Arguments.of("1 785:1", "feature index 785 is beyond the declared feature count 784"),
                Arguments.of("1 5:1 3:1", "feature index 3 in token \"3:1\" follows index 5;"
                        + " indices must be strictly ascending"),
                Arguments.of("1 5:1 5:2", "feature index 5 in token \"5:2\" follows index 5;"
                        + " indices must be strictly ascending"),
                Arguments.of("1 2:x", "value \"x\" in token \"2:x\" is not a number"),
                Arguments.of("1 2:NaN", "value \"NaN\" in token \"2:NaN\" is not finite"),
                Arguments.of("1 2:nan", "value \"nan\" in token \"2:nan\" is not finite"),
                Arguments.of("1 2:-inf", "value \"-inf\" in token \"2:-inf\" is not finite"),
                Arguments.of("1 2:Infinity", "value \"Infinity\" in token \"2:Infinity\" is not finite"),
                Arguments.of("1 2:1e999", "value \"1e999\" in token \"2:1e999\" is not finite"),
                Arguments.of("NaN 2:1", "label \"NaN\" is not finite"),
                Arguments.of("inf 2:1", "label \"inf\" is not finite"),
                Arguments.of("2:1 3:1", "label \"2:1\" is not a number"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void refusesBadLinesWithFileLineAndTheBadToken(String text, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LibsvmParser.parse(FILE, 17, text, 784));
        assertEquals(FILE + ":17: " + problem, e.getMessage());
        assertEquals(FILE, e.source());
        assertEquals(17, e.line());
    }

    @Test
    void quotesAHugeTokenShortened() {
        String huge = "1:" + "9".repeat(500) + "x";
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LibsvmParser.parse(FILE, 2, "1 " + huge, 4));
        assertEquals(FILE + ":2: value \"" + "9".repeat(60) + "...\" (501 characters) in token \""
                + huge.substring(0, 60) + "...\" (503 characters) is not a number", e.getMessage());
    }
}
