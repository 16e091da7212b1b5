package dev.sparkprop.train;

/**
 * The live training page (config keys in brackets); watching a run changes nothing it computes.
 *
 * @param enabled whether the driver serves the page while the run goes [ui]
 * @param host the address the page listens on, loopback unless told otherwise [ui-host]
 * @param port the first port tried, the next free one of the 16 after it if taken; 0 for any [ui-port]
 * @param lingerSeconds how long the page stays up after the run ends [ui-linger]
 */
public record UiSettings(boolean enabled, String host, int port, int lingerSeconds) {

    static UiSettings of(TrainConfig config) {
        return new UiSettings(config.get(ConfigKeys.UI), config.get(ConfigKeys.UI_HOST), config.get(ConfigKeys.UI_PORT),
                config.get(ConfigKeys.UI_LINGER));
    }
}
