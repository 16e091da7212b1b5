package dev.sparkprop.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The directory a training run leaves behind, on any Hadoop file system:
 *
 * <pre>
 *   OUTPUT/model.sparkprop    the model ({@link ModelFile})
 *   OUTPUT/metrics.jsonl      one JSON object per epoch
 *   OUTPUT/...                what the caller adds ({@link Extras}): the run report
 * </pre>
 *
 * Written all or nothing: the files go to a hidden sibling directory that is renamed to OUTPUT
 * only when complete, so a crash or a bad input never leaves a half-written model under OUTPUT.
 */
public final class RunOutput {

    /** The model's file name inside the output directory. */
    public static final String MODEL_FILE = "model.sparkprop";
    /** The per-epoch metrics' file name inside the output directory. */
    public static final String METRICS_FILE = "metrics.jsonl";

    private final Path directory;
    private final FileSystem fs;

    private RunOutput(Path directory, FileSystem fs) {
        this.directory = directory;
        this.fs = fs;
    }

    /**
     * Checks up front, before any work, that {@code output} may be written: it must not exist
     * unless {@code overwrite}.
     */
    public static RunOutput prepare(String output, boolean overwrite, Configuration conf) throws IOException {
        Path path = new Path(output);
        FileSystem fs = path.getFileSystem(conf);
        fs.setWriteChecksum(false); // no .crc side files next to the model: it has its own checksum
        if (fs.exists(path) && !overwrite) {
            throw new IllegalArgumentException("output=" + output + ": already exists; choose another directory"
                    + " or set overwrite=true");
        }
        return new RunOutput(fs.makeQualified(path), fs);
    }

    /** Where the model will be. */
    public String modelPath() {
        return new Path(directory, MODEL_FILE).toString();
    }

    /**
     * Files a run adds next to the model (the report's pictures and HTML), written into the
     * staging directory before the rename, so they appear all or nothing with the model.
     */
    @FunctionalInterface
    public interface Extras {
        /** Writes the extra files into {@code staging}, a directory on {@code fs} that already holds the model. */
        void writeInto(FileSystem fs, Path staging) throws IOException;
    }

    /** Writes the model and the metrics lines, then moves them into place in one rename. */
    public void write(Model model, List<String> metricsLines) throws IOException {
        write(model, metricsLines, (files, staging) -> { });
    }

    /**
     * Writes the model, the metrics lines and then {@code extras} into the staging directory,
     * and moves them all into place in one rename; if {@code extras} throws, nothing appears.
     */
    public void write(Model model, List<String> metricsLines, Extras extras) throws IOException {
        Path staging = new Path(directory.getParent(), "." + directory.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(new Path(staging, MODEL_FILE), false)) {
                ModelFile.write(model, out);
            }
            try (OutputStream out = fs.create(new Path(staging, METRICS_FILE), false)) {
                for (String line : metricsLines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            extras.writeInto(fs, staging);
            Path old = new Path(directory.getParent(), "." + directory.getName() + ".old-" + UUID.randomUUID());
            boolean replaced = fs.exists(directory) && fs.rename(directory, old);
            if (!fs.rename(staging, directory)) {
                throw new IOException("could not rename " + staging + " to " + directory);
            }
            if (replaced) {
                fs.delete(old, true);
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
    }
}
