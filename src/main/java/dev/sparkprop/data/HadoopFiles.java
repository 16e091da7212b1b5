package dev.sparkprop.data;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Driver-side checks on input paths, through the Hadoop FileSystem API so that local paths and
 * {@code file:}, {@code hdfs:}, {@code s3a:} ... URIs behave alike. Problems found here are
 * reported before any Spark job starts, as {@code PATH: problem}.
 */
final class HadoopFiles {

    private HadoopFiles() {
    }

    /** The status of {@code path}; {@code PATH: no such file} when it does not exist. */
    static FileStatus status(String path, Configuration conf) {
        Path hadoopPath = new Path(path);
        try {
            return hadoopPath.getFileSystem(conf).getFileStatus(hadoopPath);
        } catch (FileNotFoundException missing) {
            throw new DataFormatException(path, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The status of {@code path}, which must be an existing, non-empty file (not a directory). */
    static FileStatus requireFile(String path, Configuration conf) {
        FileStatus status = status(path, conf);
        if (status.isDirectory()) {
            throw new DataFormatException(path,
                    "is a directory; LIBSVM and CSV input must be a single file");
        }
        if (status.getLen() == 0) {
            throw new DataFormatException(path, "file is empty");
        }
        return status;
    }

    /**
     * Up to {@code count} first lines of a text file, decompressed as Spark's textFile would
     * (by extension, e.g. {@code .gz}); fewer when the file is shorter.
     */
    static List<String> firstLines(String path, int count, Configuration conf) {
        Path hadoopPath = new Path(path);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(hadoopPath);
        List<String> lines = new ArrayList<>(count);
        try (InputStream raw = hadoopPath.getFileSystem(conf).open(hadoopPath);
             InputStream in = codec == null ? raw : codec.createInputStream(raw);
             BufferedReader reader = new BufferedReader(
                     new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() < count && (line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
        }
        return lines;
    }

    /** Whether the directory {@code path} holds at least one {@code *.parquet} file. */
    static boolean holdsParquet(String path, Configuration conf) {
        Path directory = new Path(path);
        try {
            FileSystem fs = directory.getFileSystem(conf);
            for (FileStatus child : fs.listStatus(directory)) {
                if (child.isFile() && child.getPath().getName().endsWith(".parquet")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot list: " + e.getMessage(), e);
        }
    }
}
