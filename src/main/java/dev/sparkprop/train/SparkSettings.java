package dev.sparkprop.train;

/** How a run is spread over Spark (config keys in brackets). */
public final class SparkSettings {

    private final TrainConfig config;

    SparkSettings(TrainConfig config) {
        this.config = config;
    }

    /** The Spark master, or null: spark-submit's, else {@code local[*]} [master]. */
    public String master() {
        return config.get(ConfigKeys.MASTER);
    }

    /** Partitions (and tasks) holding the training data; 0 = Spark's default parallelism [partitions]. */
    public int partitions() {
        return config.get(ConfigKeys.PARTITIONS);
    }

    /** Depth of the {@code treeAggregate} that sums Δ [tree-depth]. */
    public int treeDepth() {
        return config.get(ConfigKeys.TREE_DEPTH);
    }

    /** Examples per GEMM block inside a task [block-size]. */
    public int blockSize() {
        return config.get(ConfigKeys.BLOCK_SIZE);
    }
}
