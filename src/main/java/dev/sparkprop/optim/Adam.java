package dev.sparkprop.optim;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015, Algorithm 1): a
 * per-parameter step from running means of D and D². At step t = 1, 2, ...:
 *
 * <pre>
 *   m := β1 m + (1 - β1) D            first moment (mean of D)
 *   v := β2 v + (1 - β2) D²           second moment (mean of D², element-wise)
 *   m̂ = m / (1 - β1^t)                bias corrections: m and v start at 0, which would
 *   v̂ = v / (1 - β2^t)                drag the early means towards 0
 *   Θ := Θ - α m̂ / (√v̂ + ε)
 * </pre>
 *
 * ε is added to √v̂, after the bias correction, exactly as in the paper's Algorithm 1 (not the
 * paper's cheaper reordering with ε̂, nor ε inside the root). Each parameter moves about α at
 * most per step, whatever the scale of its gradient. The state is m, v and t; m and v are sized
 * on the first step.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] mean = new double[0];
    private double[] meanSquare = new double[0];
    private long steps;

    /**
     * @param learningRate α, finite and &gt; 0 (the paper's default is 0.001)
     * @param beta1 β1 in [0, 1), the first moment's decay ({@link Optimizers#DEFAULT_BETA1})
     * @param beta2 β2 in [0, 1), the second moment's decay ({@link Optimizers#DEFAULT_BETA2})
     * @param epsilon ε &gt; 0, keeps the step finite where v̂ is 0 ({@link Optimizers#DEFAULT_EPSILON})
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        Optimizers.requireLearningRate(learningRate);
        Optimizers.requireFraction("beta1", beta1);
        Optimizers.requireFraction("beta2", beta2);
        Optimizers.requirePositive("epsilon", epsilon);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** t, the number of steps taken (restored ones included). */
    public long stepCount() {
        return steps;
    }

    @Override
    public void step(double[] gradient, double[] theta, double learningRate) {
        Optimizers.checkStep(gradient, theta, learningRate);
        mean = Optimizers.sizedFor("adam", mean, theta.length);
        meanSquare = Optimizers.sizedFor("adam", meanSquare, theta.length);
        steps++;
        // Once per step, not per parameter: the bias corrections depend on t only.
        double correction1 = 1.0 - Math.pow(beta1, steps);
        double correction2 = 1.0 - Math.pow(beta2, steps);
        for (int p = 0; p < theta.length; p++) {
            double g = gradient[p];
            mean[p] = beta1 * mean[p] + (1.0 - beta1) * g;
            meanSquare[p] = beta2 * meanSquare[p] + (1.0 - beta2) * g * g;
            double meanHat = mean[p] / correction1;
            double meanSquareHat = meanSquare[p] / correction2;
            theta[p] -= learningRate * meanHat / (Math.sqrt(meanSquareHat) + epsilon);
        }
    }

    /** {@code {m, v, {t}}}; m and v are empty before the first step. */
    @Override
    public double[][] state() {
        return new double[][] {mean.clone(), meanSquare.clone(), {steps}};
    }

    /** Takes {@code {m, v, {t}}} as exported by {@link #state()}. */
    @Override
    public void restore(double[][] state) {
        Optimizers.checkStateCount("adam", state, 3);
        if (state[0].length != state[1].length) {
            throw new IllegalArgumentException("adam state: m has " + state[0].length + " values but v has "
                    + state[1].length + "; they must match");
        }
        if (state[2].length != 1) {
            throw new IllegalArgumentException("adam state: the step count t must be 1 value; got " + state[2].length);
        }
        double t = state[2][0];
        if (!(t >= 0 && t <= 0x1p53 && t == Math.rint(t))) {
            throw new IllegalArgumentException("adam state: the step count t must be a whole number >= 0; got " + t);
        }
        if (t > 0 && state[0].length == 0) {
            throw new IllegalArgumentException("adam state: step count t=" + (long) t + " but no moments m, v");
        }
        mean = state[0].clone();
        meanSquare = state[1].clone();
        steps = (long) t;
    }
}
