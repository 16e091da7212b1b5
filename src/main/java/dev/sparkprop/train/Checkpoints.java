package dev.sparkprop.train;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory of training checkpoints, on any Hadoop file system. Each checkpoint is a model
 * file ({@link ModelFile}) named {@code step-NNNNNNNNNN.ckpt} after the global step it was taken
 * at, holding Θ, the optimizer's state as extra arrays, and the position in the data order
 * (epoch and step; the shuffles derive from the seed, epoch and partition, so the position is
 * all the random state there is). Written under a temporary name and renamed, so a crash never
 * leaves a half checkpoint under a real name; the oldest are deleted beyond {@code keep}.
 */
final class Checkpoints {

    private static final String PREFIX = "step-";
    private static final String SUFFIX = ".ckpt";

    private final Path directory;
    private final FileSystem fs;
    private final int keep;

    Checkpoints(String directory, int keep, Configuration conf) throws IOException {
        this.directory = new Path(directory);
        this.fs = this.directory.getFileSystem(conf);
        this.fs.setWriteChecksum(false);
        this.keep = keep;
    }

    /** Writes a checkpoint at {@code position.globalStep()} and prunes old ones. */
    void save(Model model, double[][] optimizerState, TrainingPosition position) throws IOException {
        Map<String, double[]> extras = new LinkedHashMap<>();
        for (int i = 0; i < optimizerState.length; i++) {
            extras.put("optimizer." + i, optimizerState[i]);
        }
        Path target = new Path(directory, String.format("%s%010d%s", PREFIX, position.globalStep(), SUFFIX));
        Path temporary = new Path(directory, "." + target.getName() + ".tmp");
        fs.mkdirs(directory);
        try (OutputStream out = fs.create(temporary, true)) {
            ModelFile.write(new ModelFile.Contents(model, position.toHeader(), extras), out);
        }
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) {
            throw new IOException("could not rename " + temporary + " to " + target);
        }
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            fs.delete(all.get(i), false);
        }
    }

    /** The newest checkpoint that reads back whole; unreadable ones are reported to {@code log} and skipped. */
    Optional<Restored> latest(PrintStream log) throws IOException {
        if (!fs.exists(directory)) {
            throw new IllegalArgumentException("resume=" + directory + ": no such checkpoint directory");
        }
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            try (InputStream in = fs.open(all.get(i))) {
                ModelFile.Contents contents = ModelFile.readContents(in, all.get(i).toString());
                double[][] state = new double[contents.extras().size()][];
                for (int s = 0; s < state.length; s++) {
                    state[s] = contents.extras().get("optimizer." + s);
                }
                return Optional.of(new Restored(contents.model(), state,
                        TrainingPosition.fromHeader(contents.checkpoint())));
            } catch (IllegalArgumentException e) {
                log.println("sparkprop: skipping unreadable checkpoint: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The checkpoints in step order, oldest first. */
    private List<Path> list() throws IOException {
        if (!fs.exists(directory)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        for (FileStatus status : fs.listStatus(directory)) {
            String name = status.getPath().getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                paths.add(status.getPath());
            }
        }
        paths.sort(Comparator.comparing(Path::getName));
        return paths;
    }

    /** A checkpoint read back: the model with its provenance, the optimizer state and the position. */
    record Restored(Model model, double[][] optimizerState, TrainingPosition position) {

        /** Refuses a checkpoint made with settings that would change the training path. */
        void checkCompatible(TrainConfig config, String source) {
            Map<String, String> now = config.toMap();
            for (String key : TRAJECTORY_KEYS) {
                String then = model.provenance().config().get(key);
                if (!java.util.Objects.equals(then, now.get(key))) {
                    throw new IllegalArgumentException("resume=" + source + ": the checkpoint was made with " + key + "="
                            + then + " but this run has " + key + "=" + now.get(key));
                }
            }
        }
    }

    /** Settings that decide Θ's path step by step; everything else (epochs, output, test data) may change. */
    static final List<String> TRAJECTORY_KEYS = Arrays.asList("network", "train", "format", "label-column",
            "scaling", "batch-size", "learning-rate", "lambda", "init", "init-bias", "seed", "partitions", "optimizer",
            "momentum", "beta1", "beta2", "epsilon", "schedule", "warmup", "clip-norm", "l1", "dropout",
            "validation-fraction");
}
