package dev.sparkprop.data;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads a data file into an RDD of {@link RawExample}s, one per line (or Parquet row).
 *
 * <p>Cheap whole-file checks run at once, on the driver: the path exists, is not empty, and a
 * CSV header is sound. Parsing the rows is lazy and happens in Spark tasks when the caller runs
 * an action. A bad row then fails the task, and Spark reports that as a {@code SparkException}
 * wrapped around a stack trace; run actions through {@link #perform} (or catch and
 * {@link #unwrap}) to get back the one-line {@code FILE:LINE: problem} instead.
 *
 * <p>Line numbers are the real 1-based line numbers of the file, even when Spark splits it into
 * many partitions: lines are numbered with {@code zipWithIndex}, which counts across partitions
 * in file order. This is also why text input is one file, not a directory or glob.
 *
 * <p>The reader only reads; nothing is written or cached.
 */
public final class DataReader {

    /** Asks {@link #read} to find the feature count itself (from the data or the header). */
    public static final int INFER_FEATURE_COUNT = -1;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DataReader() {
    }

    /** {@link #read(JavaSparkContext, String, DataFormat, int, String, int)} with Spark's
     * default minimum number of partitions. */
    public static JavaRDD<RawExample> read(JavaSparkContext sc, String path, DataFormat format,
                                           int featureCount, String labelColumn) {
        Objects.requireNonNull(sc, "sc");
        return read(sc, path, format, featureCount, labelColumn, sc.defaultMinPartitions());
    }

    /**
     * Reads {@code path} lazily.
     *
     * @param path          a local path or any Hadoop file system URI; {@code .gz} is decompressed
     * @param featureCount  the number of features, or {@link #INFER_FEATURE_COUNT}: for LIBSVM the
     *                      highest index in the file (costs one extra pass), for CSV the header,
     *                      for Parquet the vector size or the number of numeric columns
     * @param labelColumn   CSV: the label column's name, null for the first column;
     *                      Parquet: null for {@code label}; ignored for LIBSVM
     * @param minPartitions the minimum number of partitions for text input; Parquet decides its own
     * @throws DataFormatException for a missing or empty file, or a bad CSV header or Parquet schema
     */
    public static JavaRDD<RawExample> read(JavaSparkContext sc, String path, DataFormat format,
                                           int featureCount, String labelColumn,
                                           int minPartitions) {
        Objects.requireNonNull(sc, "sc");
        Objects.requireNonNull(format, "format");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank, got \"" + path + "\"");
        }
        if (featureCount < 1 && featureCount != INFER_FEATURE_COUNT) {
            throw new IllegalArgumentException("featureCount must be 1 or more, or "
                    + INFER_FEATURE_COUNT + " to infer it, got " + featureCount);
        }
        if (minPartitions < 1) {
            throw new IllegalArgumentException("minPartitions must be 1 or more, got " + minPartitions);
        }
        return switch (format) {
            case LIBSVM -> readLibsvm(sc, path, featureCount, minPartitions);
            case CSV -> readCsv(sc, path, featureCount, labelColumn, minPartitions);
            case PARQUET -> ParquetInput.read(sc, path, featureCount, labelColumn);
        };
    }

    /**
     * Runs a Spark action, such as {@code () -> examples.count()}, turning a data problem found
     * in a task back into its own {@link DataFormatException}.
     */
    public static <T> T perform(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception failure) { // SparkException is checked, though Scala never declares it
            throw unwrap(failure);
        }
    }

    /**
     * The {@link DataFormatException} behind a failed Spark action, with its one-line message,
     * if there is one; otherwise the failure itself (wrapped when it is a checked exception).
     * Use as {@code catch (Exception e) { throw DataReader.unwrap(e); }}.
     */
    public static RuntimeException unwrap(Throwable sparkFailure) {
        Objects.requireNonNull(sparkFailure, "sparkFailure");
        return DataFormatException.findIn(sparkFailure).map(RuntimeException.class::cast)
                .orElseGet(() -> sparkFailure instanceof RuntimeException unchecked
                        ? unchecked : new RuntimeException(sparkFailure.toString(), sparkFailure));
    }

    private static JavaRDD<RawExample> readLibsvm(JavaSparkContext sc, String path,
                                                  int featureCount, int minPartitions) {
        HadoopFiles.requireFile(path, sc.hadoopConfiguration());
        if (HadoopFiles.firstLines(path, 1, sc.hadoopConfiguration()).isEmpty()) {
            throw new DataFormatException(path, "file is empty"); // e.g. an empty .gz
        }
        JavaPairRDD<String, Long> lines = numberedLines(sc, path, minPartitions);
        int count = featureCount != INFER_FEATURE_COUNT ? featureCount : maxIndex(lines, path);
        return lines.map(numbered -> LibsvmParser.parse(path, numbered._2() + 1,
                withoutByteOrderMark(numbered._1(), numbered._2()), count));
    }

    /** The feature count a LIBSVM file implies: its highest index. One pass over the file. */
    private static int maxIndex(JavaPairRDD<String, Long> lines, String path) {
        int max = perform(() -> lines.map(numbered -> LibsvmParser.maxIndex(path,
                        numbered._2() + 1, withoutByteOrderMark(numbered._1(), numbered._2())))
                .fold(0, Math::max));
        if (max == 0) {
            throw new DataFormatException(path, "no line has a feature, so the feature count"
                    + " cannot be inferred; pass it explicitly");
        }
        return max;
    }

    private static JavaRDD<RawExample> readCsv(JavaSparkContext sc, String path, int featureCount,
                                               String labelColumn, int minPartitions) {
        HadoopFiles.requireFile(path, sc.hadoopConfiguration());
        List<String> firstLines = HadoopFiles.firstLines(path, 2, sc.hadoopConfiguration());
        if (firstLines.isEmpty()) {
            throw new DataFormatException(path, "file is empty");
        }
        CsvHeader header = CsvParser.header(path,
                withoutByteOrderMark(firstLines.get(0), 0), labelColumn);
        if (featureCount != INFER_FEATURE_COUNT && featureCount != header.featureCount()) {
            throw new DataFormatException(path, 1, "the header has " + header.featureCount()
                    + " feature columns, but the feature count was given as " + featureCount);
        }
        if (firstLines.size() < 2) {
            throw new DataFormatException(path, "file is empty: no data rows after the header");
        }
        return numberedLines(sc, path, minPartitions)
                .filter(numbered -> numbered._2() > 0)
                .map(numbered -> CsvParser.parse(path, numbered._2() + 1, numbered._1(), header));
    }

    /** Each line with its 0-based position in the file, counted across all partitions. */
    private static JavaPairRDD<String, Long> numberedLines(JavaSparkContext sc, String path,
                                                           int minPartitions) {
        return sc.textFile(path, minPartitions).zipWithIndex();
    }

    /** Drops a UTF-8 byte order mark from the first line; some editors on Windows write one. */
    private static String withoutByteOrderMark(String text, long index) {
        return index == 0 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK
                ? text.substring(1) : text;
    }
}
