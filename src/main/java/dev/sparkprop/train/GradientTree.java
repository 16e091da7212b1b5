package dev.sparkprop.train;

import dev.sparkprop.nn.GradientSum;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Partition sums added up in a fixed binary tree over the partition indices, so the total is
 * the same bit for bit however Spark schedules the aggregation.
 *
 * <p>Floating-point addition is not associative: if {@code treeAggregate} simply added partial
 * sums in the order tasks finish, two runs with the same seed could differ in the last bits and
 * drift apart over thousands of steps. Here node (level k, index i) covers partitions
 * [i·2^k, (i+1)·2^k) and is always computed as left child + right child. A node is formed as
 * soon as both children are present (or its right child would start past the last partition);
 * until then the children wait in this object. Whatever the arrival order, the root is the
 * same sum.
 */
public final class GradientTree implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int partitions;
    /** Nodes waiting for their sibling, keyed by (level << 32 | index). */
    private final TreeMap<Long, GradientSum> nodes = new TreeMap<>();

    /** An empty tree for {@code partitions} leaves: the zero value of the aggregation. */
    public GradientTree(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a gradient tree needs >= 1 partition; got " + partitions);
        }
        this.partitions = partitions;
    }

    /** Adds partition {@code partition}'s sum as a leaf and returns this. */
    public GradientTree addLeaf(int partition, GradientSum sum) {
        insert(0, partition, sum);
        return this;
    }

    /** Moves every node of {@code other} into this tree and returns this. */
    public GradientTree addAll(GradientTree other) {
        for (Map.Entry<Long, GradientSum> node : other.nodes.entrySet()) {
            insert((int) (node.getKey() >>> 32), (int) (long) node.getKey(), node.getValue());
        }
        return this;
    }

    /** The total over all partitions; fails if some partition has not been added. */
    public GradientSum total() {
        int rootLevel = 0;
        while ((1L << rootLevel) < partitions) {
            rootLevel++;
        }
        GradientSum root = nodes.get(key(rootLevel, 0));
        if (root == null || nodes.size() != 1) {
            throw new IllegalStateException("the aggregation is missing partitions: it holds nodes " + nodes.keySet());
        }
        return root;
    }

    private void insert(int level, int index, GradientSum sum) {
        while (true) {
            long start = (long) index << level;
            long siblingStart = (long) (index ^ 1) << level;
            boolean isLeft = (index & 1) == 0;
            if (isLeft && siblingStart >= partitions && start < partitions && (1L << level) < partitions) {
                level++; // no right sibling exists: the parent is this node alone
                index >>= 1;
                continue;
            }
            GradientSum sibling = nodes.remove(key(level, index ^ 1));
            if (sibling == null) {
                if (nodes.put(key(level, index), sum) != null) {
                    throw new IllegalStateException("partition range of node (" + level + ", " + index
                            + ") was added twice");
                }
                return;
            }
            GradientSum left = isLeft ? sum : sibling;
            GradientSum right = isLeft ? sibling : sum;
            sum = left.add(right); // left is this aggregation's own copy: add in place
            level++;
            index >>= 1;
        }
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | (index & 0xffffffffL);
    }
}
