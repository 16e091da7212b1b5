package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "data/mnist.libsvm, LIBSVM", "a.svm, LIBSVM", "hdfs://nn:8020/d/a.txt, LIBSVM",
        "a.libsvm.gz, LIBSVM", "A.LIBSVM.GZ, LIBSVM", "iris.csv, CSV", "file:/tmp/iris.csv.gz, CSV",
        "part-0.snappy.parquet, PARQUET", "out/train.parquet/, PARQUET"})
    void guessesTheFormatFromTheExtension(String path, DataFormat expected) {
        assertEquals(expected, DataFormat.fromPath(path));
    }

    @Test
    void recognisesADirectoryOfParquetFiles() throws IOException {
        Path table = Files.createDirectory(dir.resolve("table"));
        Files.createFile(table.resolve("_SUCCESS"));
        Files.createFile(table.resolve("part-00000-abc.snappy.parquet"));
        assertEquals(DataFormat.PARQUET, DataFormat.fromPath(table.toString()));
    }

    @Test
    void asksForTheFormatWhenTheNameDoesNotTell() throws IOException {
        Path data = Files.writeString(dir.resolve("data.dat"), "1 1:1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataFormat.fromPath(data.toString()));
        assertEquals(data + ": cannot tell the data format from the name (known: .libsvm, .svm,"
                + " .txt, .csv, .parquet, optionally .gz); pass the format explicitly:"
                + " libsvm, csv or parquet", e.getMessage());
        assertEquals(DataFormatException.WHOLE_FILE, e.line());
    }

    @Test
    void saysWhenAnUnrecognisedPathDoesNotExist() {
        String missing = dir.resolve("nothing-here").toString();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataFormat.fromPath(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
