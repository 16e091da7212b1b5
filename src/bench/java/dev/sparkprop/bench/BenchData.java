package dev.sparkprop.bench;

import dev.sparkprop.data.DataFormat;
import dev.sparkprop.data.DataReader;
import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.FeatureScaling;
import dev.sparkprop.model.FeatureStatistics;
import dev.sparkprop.model.LabelIndex;
import dev.sparkprop.spark.ExampleEncoder;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.train.Precision;
import dev.sparkprop.train.ConfigKeys;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The MNIST files every contestant reads (CSV with a header, label first, 784 pixels 0..255), and
 * sparkprop's cached blocks of them. A size that takes the first N rows gets its own small CSV
 * files, written once, so sparkprop, MLlib and scikit-learn all read the same bytes.
 *
 * @param train the training CSV (path as given to every reader)
 * @param test the test CSV
 * @param trainRows rows in {@code train}
 * @param testRows rows in {@code test}
 */
public record BenchData(String train, String test, long trainRows, long testRows) {

    /** MNIST's input layer: 28 x 28 pixels. */
    public static final int FEATURES = 784;
    /** MNIST's classes, the digits. */
    public static final int CLASSES = 10;
    /** Pixels are divided by this, as in every MNIST config of the project. */
    public static final String SCALING = "divide:255";

    /**
     * The data for {@code size} from {@code source} (holding {@code train.csv.gz} and
     * {@code test.csv.gz}): the files themselves, or their first rows copied into {@code workDir}.
     */
    public static BenchData prepare(Path source, BenchSize size, Path workDir) throws IOException {
        Path train = source.resolve("train.csv.gz");
        Path test = source.resolve("test.csv.gz");
        Files.createDirectories(workDir);
        Path trainOut = size.trainRows() == 0 ? train : workDir.resolve("train-" + size.trainRows() + ".csv");
        Path testOut = size.testRows() == 0 ? test : workDir.resolve("test-" + size.testRows() + ".csv");
        long trainRows = size.trainRows() == 0 ? countRows(train) : copyHead(train, trainOut, size.trainRows());
        long testRows = size.testRows() == 0 ? countRows(test) : copyHead(test, testOut, size.testRows());
        return new BenchData(trainOut.toAbsolutePath().toString(), testOut.toAbsolutePath().toString(),
                trainRows, testRows);
    }

    /** Copies the header and the first {@code rows} data lines of a (gzipped) CSV; returns the rows copied. */
    private static long copyHead(Path from, Path to, int rows) throws IOException {
        long copied = 0;
        try (BufferedReader in = open(from);
             BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException(from + ": the file is empty");
            }
            out.write(line);
            out.newLine();
            while (copied < rows && (line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                copied++;
            }
        }
        return copied;
    }

    private static long countRows(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            return in.lines().count() - 1; // the header
        }
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The training rows as sparkprop caches them for training: {@code partitions} balanced blocks,
     * digits 0..9 one-hot, pixels divided by 255. The caller releases the set.
     */
    public CachedExamples trainingSet(JavaSparkContext sc, int partitions) {
        return trainingSet(sc, partitions, Precision.DOUBLE, ConfigKeys.STORAGE_LEVEL.defaultValue());
    }

    /** {@link #trainingSet(JavaSparkContext, int)} stored in {@code precision}, cached at the level named {@code storageLevel}. */
    public CachedExamples trainingSet(JavaSparkContext sc, int partitions, Precision precision, String storageLevel) {
        JavaRDD<RawExample> rows = DataReader.read(sc, train, DataFormat.CSV, FEATURES, "label", partitions);
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        FeatureScaling scaling = FeatureScaling.fit(SCALING, new FeatureStatistics().add(new double[FEATURES]));
        ExampleEncoder encoder = new ExampleEncoder(CLASSES, LabelIndex.fit(digits, CLASSES), scaling);
        return CachedExamples.build(rows, encoder, partitions, precision, storageLevel);
    }
}
