package dev.sparkprop.train;

/** Where a run's model and metrics go (config keys in brackets). */
public final class OutputSettings {

    private final TrainConfig config;

    OutputSettings(TrainConfig config) {
        this.config = config;
    }

    /** The output directory [output]. */
    public String path() {
        return config.get(ConfigKeys.OUTPUT);
    }

    /** Whether an existing output directory may be replaced, once training succeeded [overwrite]. */
    public boolean overwrite() {
        return config.get(ConfigKeys.OVERWRITE);
    }
}
