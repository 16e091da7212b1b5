package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvParserTest {

    private static final String FILE = "data/iris.csv";
    private static final CsvHeader IRIS =
            CsvParser.header(FILE, "sepal, petal ,species", "species");

    @Test
    void takesTheFirstColumnAsLabelByDefault() {
        CsvHeader header = CsvParser.header(FILE, "y,a,b", null);
        assertEquals(List.of("y", "a", "b"), header.columns());
        assertEquals(0, header.labelIndex());
        assertEquals(2, header.featureCount());
    }

    @Test
    void findsALabelColumnByNameAnywhere() {
        assertEquals(List.of("sepal", "petal", "species"), IRIS.columns());
        assertEquals(2, IRIS.labelIndex());
        assertEquals("species", IRIS.labelColumn());
        assertEquals(2, IRIS.featureCount());
    }

    @Test
    void parsesFeaturesAroundTheLabelInColumnOrder() {
        CsvHeader header = CsvParser.header(FILE, "a,y,b", "y");
        RawExample example = CsvParser.parse(FILE, 2, " 1.5 , cat ,-2", header);
        assertEquals(new RawExample(FILE, 2, "cat", new double[] {1.5, -2}), example);
    }

    @Test
    void unquotesLabelsWithCommasAndDoubledQuotes() {
        assertEquals("Iris-setosa", CsvParser.parse(FILE, 3, "5.1,1.4,\"Iris-setosa\"", IRIS).label());
        RawExample example = CsvParser.parse(FILE, 4, "5.1, 1.4 , \"say \"\"hi\"\", ok\" ", IRIS);
        assertEquals("say \"hi\", ok", example.label());
        assertArrayEquals(new double[] {5.1, 1.4}, example.features());
    }

    @Test
    void acceptsQuotedNumbers() {
        RawExample example = CsvParser.parse(FILE, 2, "\"5.1\",\"1.4\",x", IRIS);
        assertArrayEquals(new double[] {5.1, 1.4}, example.features());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'5.1,1.4'                | expected 3 fields, found 2",
        "'5.1,1.4,a,b'            | expected 3 fields, found 4",
        "'   '                    | empty line",
        "'5.1,abc,x'              | column \"petal\" value \"abc\" is not a number",
        "'5.1,,x'                 | column \"petal\" value \"\" is not a number",
        "'NaN,1,x'                | column \"sepal\" value \"NaN\" is not finite",
        "'5.1,-Infinity,x'        | column \"petal\" value \"-Infinity\" is not finite",
        "'5.1,inf,x'              | column \"petal\" value \"inf\" is not finite",
        "'5.1,1.4,'               | label column \"species\" is empty",
        "'5.1,1.4,nan'            | label column \"species\" value \"nan\" is not finite",
        "'5.1,1.4,\"Iris'         | field 3 opens a quote that is never closed: \"\"Iris\"",
        "'5.1,\"1\"x,a'           | field 2 has text after its closing quote: \"\"1\"x,a\"",
    })
    void refusesBadRowsWithFileLineColumnAndValue(String text, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvParser.parse(FILE, 7, text, IRIS));
        assertEquals(FILE + ":7: " + problem, e.getMessage());
        assertEquals(7, e.line());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'onlyone'     | the header has 1 column; need a label column and at least one feature column",
        "'a,b,a'       | column name \"a\" appears twice (columns 1 and 3)",
        "'a,,b'        | column 2 has no name",
        "'a,b,c'       | label column \"target\" not found; the columns are \"a\", \"b\", \"c\"",
    })
    void refusesBadHeadersAtLineOne(String headerLine, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvParser.header(FILE, headerLine, headerLine.equals("a,b,c") ? "target" : null));
        assertEquals(FILE + ":1: " + problem, e.getMessage());
    }

    @Test
    void listsOnlyTheFirstColumnsOfAWideHeader() {
        String header = IntStream.rangeClosed(1, 785).mapToObj(i -> "p" + i)
                .collect(Collectors.joining(","));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvParser.header(FILE, header, "label"));
        assertEquals(FILE + ":1: label column \"label\" not found; the columns are \"p1\", \"p2\","
                + " \"p3\", \"p4\", \"p5\", \"p6\", \"p7\", \"p8\", \"p9\", \"p10\", ... (775 more)",
                e.getMessage());
    }
}
