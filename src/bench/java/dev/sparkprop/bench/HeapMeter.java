package dev.sparkprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM heap as the benchmark reports it. In Spark local mode the driver and the executors
 * share this JVM, so it covers both. The peak is the sum of the heap pools' peaks since the last
 * {@link #resetPeak()} (an upper bound on the true peak of their sum).
 */
final class HeapMeter {

    private static final double MB = 1024.0 * 1024.0;

    private HeapMeter() {
    }

    /** Starts a new peak window. */
    static void resetPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** MB: the summed peak usage of the heap pools since {@link #resetPeak()}. */
    static double peakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / MB;
    }

    /** MB of heap still in use after two requested full collections: what is really retained. */
    static double usedAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
    }

    /** MB: the most the heap may grow to (-Xmx). */
    static double maxMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MB;
    }
}
