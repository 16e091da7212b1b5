package dev.sparkprop.train;

/**
 * Where a run's model and metrics go (config keys in brackets).
 *
 * @param path the output directory [output]
 * @param overwrite whether an existing output directory may be replaced, once training succeeded [overwrite]
 */
public record OutputSettings(String path, boolean overwrite) {

    static OutputSettings of(TrainConfig config) {
        return new OutputSettings(config.get(ConfigKeys.OUTPUT), config.get(ConfigKeys.OVERWRITE));
    }
}
