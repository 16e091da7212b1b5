package dev.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.train.ConfigKeys;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * The {@code storage-level} key checks names without Spark ({@code train} imports none); Spark
 * turns them into levels here. Every name the key accepts must be one Spark reads, and caches at.
 */
class StorageLevelNamesTest {

    @Test
    void everyNameTheKeyAcceptsIsACachingLevelOfSpark() {
        for (String name : ConfigKeys.STORAGE_LEVELS) {
            StorageLevel level = StorageLevel.fromString(name);
            assertTrue(level.isValid(), name + " stores nowhere");
        }
        assertEquals(StorageLevel.MEMORY_AND_DISK(), StorageLevel.fromString(ConfigKeys.STORAGE_LEVEL.defaultValue()));
    }
}
