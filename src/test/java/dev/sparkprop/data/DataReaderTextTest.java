package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LIBSVM and CSV through a real local Spark: laziness, line numbers, errors out of tasks. */
class DataReaderTextTest {

    private static final int INFER = DataReader.INFER_FEATURE_COUNT;
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        sc = dev.sparkprop.testing.SharedSpark.context();
    }

    @Test
    void readsLibsvmInferringTheFeatureCount() throws IOException {
        String path = write("a.libsvm", "1 1:0.5  3:2\n-1\n0\t2:-1   4:7\n");
        List<RawExample> examples = collect(DataReader.read(sc, path, DataFormat.LIBSVM, INFER, null));
        assertEquals(List.of(
                new RawExample(path, 1, "1", new double[] {0.5, 0, 2, 0}),
                new RawExample(path, 2, "-1", new double[] {0, 0, 0, 0}),
                new RawExample(path, 3, "0", new double[] {0, -1, 0, 7})), examples);
    }

    @Test
    void readsGzippedLibsvmThroughAFileUri() throws IOException {
        Path gz = dir.resolve("a.libsvm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("2 2:1\n3 1:4\n".getBytes(StandardCharsets.UTF_8));
        }
        String uri = gz.toUri().toString();
        List<RawExample> examples = collect(DataReader.read(sc, uri, DataFormat.fromPath(uri), 3, null));
        assertEquals(List.of(new RawExample(uri, 1, "2", new double[] {0, 1, 0}),
                new RawExample(uri, 2, "3", new double[] {4, 0, 0})), examples);
    }

    @Test
    void reportsAnErrorInATaskWithItsOwnLine() throws IOException {
        String path = write("b.libsvm", "1 1:1\n0 2:1\n1 5:1\n0 1:1\n1 2:1\n");
        JavaRDD<RawExample> examples = DataReader.read(sc, path, DataFormat.LIBSVM, 4, null);
        String expected = path + ":3: feature index 5 is beyond the declared feature count 4";
        DataFormatException thrown = assertThrows(DataFormatException.class,
                () -> DataReader.perform(examples::count));
        assertEquals(expected, thrown.getMessage());
        assertEquals(3, thrown.line());
        try {
            examples.count();
        } catch (Exception sparkFailure) {
            assertEquals(expected, DataReader.unwrap(sparkFailure).getMessage());
            return;
        }
        throw new AssertionError("count() should have failed");
    }

    @Test
    void reportsAnErrorWhileInferringTheFeatureCountAtOnce() throws IOException {
        String path = write("c.libsvm", "1 1:1\n1 2:x\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.read(sc, path, DataFormat.LIBSVM, INFER, null));
        assertEquals(path + ":2: value \"x\" in token \"2:x\" is not a number", e.getMessage());
        String bare = write("d.libsvm", "1\n0\n");
        e = assertThrows(DataFormatException.class,
                () -> DataReader.read(sc, bare, DataFormat.LIBSVM, INFER, null));
        assertEquals(bare + ": no line has a feature, so the feature count cannot be inferred;"
                + " pass it explicitly", e.getMessage());
    }

    @Test
    void keepsRealLineNumbersAcrossPartitions() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 10_000; line++) {
            text.append(line).append(" 1:").append(line % 7).append(" 3:0.5\n");
        }
        String good = write("many.libsvm", text.toString());
        JavaRDD<RawExample> examples = DataReader.read(sc, good, DataFormat.LIBSVM, 3, null, 4);
        assertTrue(examples.getNumPartitions() >= 4, "partitions: " + examples.getNumPartitions());
        // The label is the line number as written, so every example checks its own line.
        long misnumbered = examples.filter(e -> !Long.toString(e.line()).equals(e.label())).count();
        assertEquals(0, misnumbered);
        assertEquals(10_000, examples.count());

        int planted = text.indexOf("7777 1:");
        text.replace(planted, planted + "7777 1:".length(), "7777 1;");
        String bad = write("planted.libsvm", text.toString());
        JavaRDD<RawExample> failing = DataReader.read(sc, bad, DataFormat.LIBSVM, 3, null, 4);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.perform(failing::count));
        assertEquals(bad + ":7777: malformed token \"1;0\"; expected INDEX:VALUE", e.getMessage());
    }

    @Test
    void readsCsvWithANamedLabelAndQuotedStrings() throws IOException {
        String path = write("iris.csv", "sepal,petal,species,width\n"
                + "5.1,1.4,\"Iris-setosa\",0.2\n7.0, 4.7 , Iris-versicolor ,1.4\n");
        List<RawExample> examples =
                collect(DataReader.read(sc, path, DataFormat.CSV, INFER, "species"));
        assertEquals(List.of(new RawExample(path, 2, "Iris-setosa", new double[] {5.1, 1.4, 0.2}),
                new RawExample(path, 3, "Iris-versicolor", new double[] {7.0, 4.7, 1.4})),
                examples);
    }

    @Test
    void readsGzippedCsvWithAByteOrderMark() throws IOException {
        Path gz = dir.resolve("b.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("\uFEFFy,x\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        List<RawExample> examples =
                collect(DataReader.read(sc, gz.toString(), DataFormat.CSV, 1, "y"));
        assertEquals(1, examples.size());
        assertEquals("1", examples.get(0).label());
        assertArrayEquals(new double[] {2}, examples.get(0).features());
    }

    @Test
    void reportsAWrongFieldCountAtItsLine() throws IOException {
        String path = write("e.csv", "y,a,b\n1,2,3\n1,2,3\n1,2\n1,2,3\n");
        JavaRDD<RawExample> examples = DataReader.read(sc, path, DataFormat.CSV, INFER, null);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.perform(examples::count));
        assertEquals(path + ":4: expected 3 fields, found 2", e.getMessage());
    }

    @Test
    void checksTheHeaderOnTheDriver() throws IOException {
        String path = write("f.csv", "y,a,b\n1,2,3\n");
        assertMessage(path + ":1: label column \"target\" not found; the columns are \"y\", \"a\", \"b\"",
                path, DataFormat.CSV, INFER, "target");
        assertMessage(path + ":1: the header has 2 feature columns, but the feature count was"
                + " given as 3", path, DataFormat.CSV, 3, null);
        String headerOnly = write("g.csv", "y,a,b\n");
        assertMessage(headerOnly + ": file is empty: no data rows after the header",
                headerOnly, DataFormat.CSV, INFER, null);
    }

    @Test
    void refusesMissingEmptyAndDirectoryPaths() throws IOException {
        String missing = dir.resolve("missing.libsvm").toString();
        assertMessage(missing + ": no such file", missing, DataFormat.LIBSVM, INFER, null);
        String empty = write("empty.libsvm", "");
        assertMessage(empty + ": file is empty", empty, DataFormat.LIBSVM, INFER, null);
        String emptyCsv = write("empty.csv", "");
        assertMessage(emptyCsv + ": file is empty", emptyCsv, DataFormat.CSV, INFER, null);
        Path emptyGz = dir.resolve("empty.libsvm.gz");
        new GZIPOutputStream(Files.newOutputStream(emptyGz)).close();
        assertMessage(emptyGz + ": file is empty", emptyGz.toString(), DataFormat.LIBSVM, 3, null);
        assertMessage(dir + ": is a directory; LIBSVM and CSV input must be a single file",
                dir.toString(), DataFormat.CSV, INFER, null);
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> DataReader.read(sc, "x.libsvm", DataFormat.LIBSVM, 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> DataReader.read(sc, " ", DataFormat.LIBSVM, 3, null));
        assertThrows(NullPointerException.class,
                () -> DataReader.read(sc, "x.libsvm", null, 3, null));
    }

    private void assertMessage(String expected, String path, DataFormat format, int featureCount,
                               String labelColumn) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataReader.read(sc, path, format, featureCount, labelColumn));
        assertEquals(expected, e.getMessage());
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static List<RawExample> collect(JavaRDD<RawExample> examples) {
        return examples.collect().stream()
                .sorted(Comparator.comparingLong(RawExample::line)).toList();
    }
}
