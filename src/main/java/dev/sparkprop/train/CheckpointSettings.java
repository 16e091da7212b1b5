package dev.sparkprop.train;

/** Where checkpoints go, how often, and what a run resumes from (config keys in brackets). */
public final class CheckpointSettings {

    private final TrainConfig config;

    CheckpointSettings(TrainConfig config) {
        this.config = config;
    }

    /** The checkpoint directory as given, or null [checkpoint-dir]; {@link #directory()} is the one used. */
    public String dir() {
        return config.get(ConfigKeys.CHECKPOINT_DIR);
    }

    /** Checkpoint every this many steps; 0 = not by steps [checkpoint-steps]. */
    public int steps() {
        return config.get(ConfigKeys.CHECKPOINT_STEPS);
    }

    /** Checkpoint every this many epochs as given; 0 = not by epochs [checkpoint-epochs]. */
    public int epochs() {
        return config.get(ConfigKeys.CHECKPOINT_EPOCHS);
    }

    /** How many checkpoints to keep [checkpoint-keep]. */
    public int keep() {
        return config.get(ConfigKeys.CHECKPOINT_KEEP);
    }

    /** A checkpoint directory to continue from, or null to start afresh [resume]. */
    public String resume() {
        return config.get(ConfigKeys.RESUME);
    }

    /** Where checkpoints go: {@code checkpoint-dir}, else the {@code resume} directory, else null (none). */
    public String directory() {
        return dir() != null ? dir() : resume();
    }

    /** Checkpoint every this many epochs: as set, or 1 when a directory is set and no interval is. */
    public int epochInterval() {
        return epochs() == 0 && steps() == 0 && directory() != null ? 1 : epochs();
    }
}
