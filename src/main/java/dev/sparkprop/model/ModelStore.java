package dev.sparkprop.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loading a model named by the user (a model file, or a directory holding one) and saving one
 * into a directory, on any Hadoop file system.
 */
public final class ModelStore {

    private ModelStore() {
    }

    /**
     * Reads the model at {@code path} (a file, or a directory with {@code model.sparkprop}) on any
     * Hadoop file system. A missing path, or a file that is not a model, is refused in one line.
     */
    public static Model load(String path, Configuration conf) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(conf);
        if (!fs.exists(target)) {
            throw new IllegalArgumentException(path + ": no such model file or directory");
        }
        if (fs.getFileStatus(target).isDirectory()) {
            target = new Path(target, RunOutput.MODEL_FILE);
            if (!fs.exists(target)) {
                throw new IllegalArgumentException(path + ": a directory without " + RunOutput.MODEL_FILE);
            }
        }
        try (InputStream in = fs.open(target)) {
            return ModelFile.read(in, target.toString());
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(path + ": no such model file", e);
        }
    }

    /**
     * Writes {@code model} as {@code DIRECTORY/model.sparkprop} ({@link ModelFile}), which
     * {@link #load} of the directory reads back; replaces a model file already there. No Hadoop
     * {@code .crc} side file is written: the model file has its own checksum.
     */
    public static void save(Model model, String directory, Configuration conf) throws IOException {
        Path target = new Path(directory, RunOutput.MODEL_FILE);
        FileSystem fs = target.getFileSystem(conf);
        fs.setWriteChecksum(false);
        try (OutputStream out = fs.create(target, true)) {
            ModelFile.write(model, out);
        }
    }
}
