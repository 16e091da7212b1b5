package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKeys.CHECKPOINT_DIR;
import static dev.sparkprop.train.ConfigKeys.CHECKPOINT_EPOCHS;
import static dev.sparkprop.train.ConfigKeys.CHECKPOINT_KEEP;
import static dev.sparkprop.train.ConfigKeys.CHECKPOINT_STEPS;
import static dev.sparkprop.train.ConfigKeys.RESUME;

/**
 * Where checkpoints go, how often, and what a run resumes from (config keys in brackets).
 *
 * @param dir the checkpoint directory as given, or null [checkpoint-dir]; {@link #directory()} is the one used
 * @param steps checkpoint every this many steps; 0 = not by steps [checkpoint-steps]
 * @param epochs checkpoint every this many epochs as given; 0 = not by epochs [checkpoint-epochs]
 * @param keep how many checkpoints to keep [checkpoint-keep]
 * @param resume a checkpoint directory to continue from, or null to start afresh [resume]
 */
public record CheckpointSettings(String dir, int steps, int epochs, int keep, String resume) {

    static CheckpointSettings of(TrainConfig config) {
        return new CheckpointSettings(config.get(CHECKPOINT_DIR), config.get(CHECKPOINT_STEPS),
                config.get(CHECKPOINT_EPOCHS), config.get(CHECKPOINT_KEEP), config.get(RESUME));
    }

    /** Where checkpoints go: {@code checkpoint-dir}, else the {@code resume} directory, else null (none). */
    public String directory() {
        return dir != null ? dir : resume;
    }

    /** Checkpoint every this many epochs: as set, or 1 when a directory is set and no interval is. */
    public int epochInterval() {
        return epochs == 0 && steps == 0 && directory() != null ? 1 : epochs;
    }
}
