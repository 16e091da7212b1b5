package dev.sparkprop.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The config keys of a small real run the job tests share: iris, 4-8 tanh-3 softmax, two partitions. */
public final class IrisConfig {

    private IrisConfig() {
    }

    /** A mutable key map writing to {@code output}; tests add or override keys. */
    public static Map<String, String> writingTo(Path output) {
        Map<String, String> config = new HashMap<>();
        config.put("network", "4-8:tanh-3:softmax");
        config.put("train", "sample-data/iris/train.csv");
        config.put("scaling", "standardize");
        config.put("init", "xavier");
        config.put("partitions", "2");
        config.put("output", output.toString());
        return config;
    }
}
