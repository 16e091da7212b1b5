package dev.sparkprop.data;

import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * The input formats {@link DataReader} understands.
 *
 * <ul>
 *   <li>{@link #LIBSVM}: sparse text, {@code LABEL INDEX:VALUE ...}, see {@link LibsvmParser}.
 *   <li>{@link #CSV}: text with a header row, see {@link CsvParser}.
 *   <li>{@link #PARQUET}: a Parquet file or a directory of them, as Spark writes them.
 * </ul>
 */
public enum DataFormat {
    LIBSVM, CSV, PARQUET;

    /** {@link #fromPath(String, Configuration)} with a default Hadoop configuration. */
    public static DataFormat fromPath(String path) {
        return fromPath(path, new Configuration());
    }

    /**
     * Guesses the format from the file name, after dropping a {@code .gz} suffix:
     * {@code .libsvm}, {@code .svm}, {@code .txt} are LIBSVM, {@code .csv} is CSV,
     * {@code .parquet} is Parquet. A name without a known extension is looked at on the file
     * system: a directory holding {@code *.parquet} files is Parquet (what Spark writes).
     * Anything else is refused, asking for the format explicitly, since a wrong guess would
     * only fail later with a more confusing message.
     */
    public static DataFormat fromPath(String path, Configuration conf) {
        Objects.requireNonNull(path, "path");
        String name = fileName(path).toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        if (name.endsWith(".libsvm") || name.endsWith(".svm") || name.endsWith(".txt")) {
            return LIBSVM;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        FileStatus status = HadoopFiles.status(path, conf);
        if (status.isDirectory() && HadoopFiles.holdsParquet(path, conf)) {
            return PARQUET;
        }
        throw new DataFormatException(path, "cannot tell the data format from the name"
                + " (known: .libsvm, .svm, .txt, .csv, .parquet, optionally .gz);"
                + " pass the format explicitly: libsvm, csv or parquet");
    }

    /** The last path segment, ignoring trailing slashes. */
    private static String fileName(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
