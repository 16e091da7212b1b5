package dev.sparkprop.train;

import static dev.sparkprop.train.ConfigKeys.BLOCK_SIZE;
import static dev.sparkprop.train.ConfigKeys.MASTER;
import static dev.sparkprop.train.ConfigKeys.PARTITIONS;
import static dev.sparkprop.train.ConfigKeys.PRECISION;
import static dev.sparkprop.train.ConfigKeys.SPARSE;
import static dev.sparkprop.train.ConfigKeys.STORAGE_LEVEL;
import static dev.sparkprop.train.ConfigKeys.TREE_DEPTH;

/**
 * How a run is spread over Spark (config keys in brackets).
 *
 * @param master the Spark master, or null: spark-submit's, else {@code local[*]} [master]
 * @param partitions partitions (and tasks) holding the training data; 0 = Spark's default parallelism [partitions]
 * @param treeDepth depth of the {@code treeAggregate} that sums Δ [tree-depth]
 * @param blockSize examples per GEMM block inside a task [block-size]
 * @param precision the arithmetic of the cached training blocks and their passes [precision]
 * @param sparsity whether the training blocks hold compressed sparse rows: auto (by density), or forced [sparse]
 * @param storageLevel Spark's name of the level the example blocks are cached at [storage-level]
 */
public record SparkSettings(String master, int partitions, int treeDepth, int blockSize, Precision precision,
                            Sparsity sparsity, String storageLevel) {

    static SparkSettings of(TrainConfig config) {
        return new SparkSettings(config.get(MASTER), config.get(PARTITIONS), config.get(TREE_DEPTH),
                config.get(BLOCK_SIZE), config.get(PRECISION), config.get(SPARSE),
                config.get(STORAGE_LEVEL));
    }
}
