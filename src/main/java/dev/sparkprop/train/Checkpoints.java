package dev.sparkprop.train;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
public final class Checkpoints {

    private static final String PREFIX = "step-";
    private static final String SUFFIX = ".ckpt";

    private final Path directory;
    private final FileSystem fs;
    private final int keep;
    private final Function<double[], Model> modelOf;

    /**
     * @param directory where the checkpoints go, on any Hadoop file system
     * @param keep how many to keep
     * @param modelOf the model (class names, scaling, provenance) around a Θ
     */
    public Checkpoints(String directory, int keep, Configuration conf, Function<double[], Model> modelOf)
            throws IOException {
        this.modelOf = modelOf;
        this.directory = new Path(directory);
        this.fs = this.directory.getFileSystem(conf);
        this.fs.setWriteChecksum(false);
        this.keep = keep;
    }

    /** Writes a checkpoint of θ and the optimizer's state at {@code position.globalStep()} and prunes old ones. */
    void save(double[] theta, double[][] optimizerState, TrainingPosition position) throws IOException {
        Model model = modelOf.apply(theta);
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

        /** Refuses a checkpoint made with settings that change the training path ({@link ConfigKey#changesPath()}). */
        void checkCompatible(TrainConfig config, String source) {
            config.checkCompatible(model.provenance().config(), source);
        }

        /**
         * Refuses a checkpoint written before λ and λ1 were divided by the training set's m
         * ({@link dev.sparkprop.model.Provenance#PENALTY_M}) when the rule matters: a penalty, and
         * minibatches smaller than the {@code trainingCount} examples (a full batch means the
         * same under both rules).
         */
        void checkPenaltyRule(TrainConfig config, long trainingCount, String source) {
            UpdateSettings update = config.update();
            boolean regularized = update.lambda() != 0.0 || update.l1() != 0.0;
            boolean minibatch = update.batchSize() > 0 && update.batchSize() < trainingCount;
            if (regularized && minibatch && !model.provenance().penaltyOverTrainingSet()) {
                throw new IllegalArgumentException("resume=" + source + ": the checkpoint was written when lambda and"
                        + " l1 were divided by the " + update.batchSize() + " examples of one step, not by the "
                        + trainingCount + " training examples, so it minimized another J; train afresh (the same"
                        + " penalty is now lambda x " + trainingCount + "/" + update.batchSize() + ")");
            }
        }
    }
}
