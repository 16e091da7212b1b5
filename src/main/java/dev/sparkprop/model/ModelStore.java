package dev.sparkprop.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Loading a model named by the user: a model file, or a training output directory holding one. */
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
}
