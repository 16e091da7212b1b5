package dev.sparkprop.train;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.NetworkSpec;
import java.io.Serializable;

/**
 * Raw sums for judging a network on some examples, added across partitions and divided once on
 * the driver: the cost, right answers and confusion counts for classification, error sums for
 * regression.
 *
 * <p>The predicted class is the largest output for K ≥ 2 outputs, or output ≥ 0.5 for a single
 * sigmoid output; the true class is read from the one-hot (or 0/1) target the same way.
 */
public final class MetricSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double cost;
    private long correct;
    private double squaredError;
    private double absoluteError;
    private double targetSum;
    private double targetSquareSum;
    /** Output values compared, for regression: K per example. */
    private long values;
    /** confusion[actual * classes + predicted], or null for regression. */
    private long[] confusion;

    /** Empty sums; the confusion matrix is allocated on first use. */
    public MetricSum() {
    }

    /** Adds m examples: their K x m outputs and targets (column-major) and their summed cost. */
    public void addExamples(NetworkSpec spec, double[] outputs, double[] targets, int targetOffset, int m,
                            double costSum) {
        int k = spec.outputSize();
        count += m;
        cost += costSum;
        if (!spec.output().isClassification()) {
            values += (long) k * m;
            for (int i = 0; i < k * m; i++) {
                double y = targets[targetOffset + i];
                double error = outputs[i] - y;
                squaredError += error * error;
                absoluteError += Math.abs(error);
                targetSum += y;
                targetSquareSum += y * y;
            }
            return;
        }
        int classes = k == 1 ? 2 : k;
        if (confusion == null) {
            confusion = new long[classes * classes];
        }
        for (int c = 0; c < m; c++) {
            int predicted = Backprop.classOf(outputs, c * k, k);
            int actual = Backprop.classOf(targets, targetOffset + c * k, k);
            confusion[actual * classes + predicted]++;
            correct += predicted == actual ? 1 : 0;
        }
    }

    /** Adds {@code other} into this and returns this. */
    public MetricSum add(MetricSum other) {
        count += other.count;
        cost += other.cost;
        correct += other.correct;
        squaredError += other.squaredError;
        absoluteError += other.absoluteError;
        targetSum += other.targetSum;
        targetSquareSum += other.targetSquareSum;
        values += other.values;
        if (other.confusion != null) {
            if (confusion == null) {
                confusion = new long[other.confusion.length];
            }
            for (int i = 0; i < confusion.length; i++) {
                confusion[i] += other.confusion[i];
            }
        }
        return this;
    }

    public long count() {
        return count;
    }

    /** Σ J_1, unregularized. */
    public double costSum() {
        return cost;
    }

    /** Whether these are classification sums (a confusion matrix exists). */
    public boolean isClassification() {
        return confusion != null;
    }

    /** The fraction classified right. */
    public double accuracy() {
        return (double) correct / count;
    }

    /** Root mean squared error over every output value. */
    public double rmse() {
        return Math.sqrt(squaredError / valueCount());
    }

    /** Mean absolute error over every output value. */
    public double mae() {
        return absoluteError / valueCount();
    }

    /** R² = 1 - SSE / SST over every output value. */
    public double r2() {
        double n = valueCount();
        double total = targetSquareSum - targetSum * targetSum / n;
        return total > 0 ? 1.0 - squaredError / total : Double.NaN;
    }

    private double valueCount() {
        return values == 0 ? Double.NaN : (double) values;
    }

    /** The confusion counts, {@code [actual][predicted]}, or null for regression. */
    public long[][] confusionMatrix() {
        if (confusion == null) {
            return null;
        }
        int classes = (int) Math.round(Math.sqrt(confusion.length));
        long[][] matrix = new long[classes][classes];
        for (int a = 0; a < classes; a++) {
            System.arraycopy(confusion, a * classes, matrix[a], 0, classes);
        }
        return matrix;
    }
}
