package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * J and D of {@link Objective}. The hand-checked cases use the network 2-2-1: Θ^(1) is 2 x 3 in
 * θ[0..5] with its biases in θ[0..1]; Θ^(2) is 1 x 3 in θ[6..8] with its bias in θ[6]. The
 * weights are θ[2..5] and θ[7..8].
 */
class ObjectiveTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("2-2:sigmoid-1:sigmoid");
    private static final double[] THETA = {5.0, -5.0, 0.5, -1.5, 0.0, 2.0, 7.0, -0.25, 1.0};

    /** Raw sums as a partition returns them: Δ, Σ J_1 and m. */
    private static GradientSum sum(double[] accumulators, double costSum, long count) {
        GradientSum sum = new GradientSum();
        System.arraycopy(accumulators, 0, sum.accumulators(accumulators.length), 0, accumulators.length);
        sum.addExamples(costSum, count);
        return sum;
    }

    @Test
    void handCheckedCostAndGradientWithBothPenalties() {
        // m = 4, λ = 2 (λ/m = 0.5), λ1 = 0.8 (λ1/m = 0.2); Δ/m = {1, 2, -1, 0.5, 1.5, 0, 3, -2, 1}.
        GradientSum sum = sum(new double[] {4, 8, -4, 2, 6, 0, 12, -8, 4}, 10.0, 4);
        CostGradient result = new Objective(2.0, 0.8).costGradient(SPEC, THETA, sum);
        // Weights: Δ/m + 0.5 Θ + 0.2 sign(Θ); e.g. θ[3] = -1.5: 0.5 - 0.75 - 0.2 = -0.45, and θ[4] = 0
        // feels neither pull. Biases θ[0], θ[1], θ[6]: Δ/m alone.
        assertArrayEquals(new double[] {1, 2, -0.55, -0.45, 1.5, 1.2, 3, -2.325, 1.7}, result.gradient(), 1e-15);
        // J = 10/4 + 2/8 · ΣΘ² + 0.2 · Σ|Θ|, over the weights: ΣΘ² = 0.25 + 2.25 + 0 + 4 + 0.0625 + 1
        // = 7.5625 and Σ|Θ| = 0.5 + 1.5 + 0 + 2 + 0.25 + 1 = 5.25: 2.5 + 1.890625 + 1.05.
        assertEquals(5.440625, result.cost(), 1e-15);
        assertEquals(4, result.count());
    }

    @Test
    void aMinibatchDividesDeltaByItsExamplesAndThePenaltiesByTheTrainingSets() {
        // The same 4 examples as one step of a training set of m = 16: Δ/b as above, λ/m = 0.125,
        // λ1/m = 0.05. θ[3] = -1.5: 0.5 - 0.1875 - 0.05 = 0.2625; θ[7] = -0.25: -2 - 0.03125 - 0.05.
        GradientSum sum = sum(new double[] {4, 8, -4, 2, 6, 0, 12, -8, 4}, 10.0, 4);
        CostGradient result = new Objective(2.0, 0.8).costGradient(SPEC, THETA, sum, 16);
        assertArrayEquals(new double[] {1, 2, -0.8875, 0.2625, 1.5, 0.3, 3, -2.08125, 1.175}, result.gradient(),
                1e-15);
        // J estimated from the step: 10/4 + 2/32 · 7.5625 + 0.05 · 5.25.
        assertEquals(2.5 + 0.47265625 + 0.2625, result.cost(), 1e-15);
        assertEquals(0.47265625 + 0.2625, new Objective(2.0, 0.8).penalty(SPEC, THETA, 16), 1e-15);
        assertEquals(4, result.count());
    }

    @Test
    void penaltiesLeaveTheBiasesOut() {
        Objective objective = new Objective(2.0, 0.8);
        assertEquals(1.890625, objective.l2Penalty(SPEC, THETA, 4), 1e-15);
        assertEquals(1.05, objective.l1Penalty(SPEC, THETA, 4), 1e-15);
        assertEquals(2.5 + 1.890625 + 1.05, objective.cost(SPEC, THETA, 10.0, 4), 1e-15);
        assertEquals(2.5, Objective.UNREGULARIZED.cost(SPEC, THETA, 10.0, 4), 0.0);
    }

    @Test
    void gradientOfThePenaltiesIsTheirDerivativeAwayFromZero() {
        double[] theta = {5.0, -5.0, 0.5, -1.5, 0.3, 2.0, 7.0, -0.25, 1.0};
        Objective objective = new Objective(0.6, 0.8);
        double[] gradient = objective.costGradient(SPEC, theta, sum(new double[9], 0.0, 4)).gradient();
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += 1e-6;
            minus[p] -= 1e-6;
            double slope = (objective.cost(SPEC, plus, 0.0, 4) - objective.cost(SPEC, minus, 0.0, 4)) / 2e-6;
            assertEquals(slope, gradient[p], 1e-8, SPEC.describeIndex(p));
        }
    }

    /**
     * Bit for bit what the trainers computed before there was one objective type: D = Δ/m, then
     * (λ/m)Θ added to the weights (CostGradient.of), then (λ1/m) sign(Θ) added (the update rule);
     * J = Σ J_1 / m + λ/(2m) ΣΘ², then + (λ1/m) Σ|Θ| (the reported cost). Θ holds exact zeros of
     * both signs and Δ negative zeros, so the sign of a zero must survive too.
     */
    @ParameterizedTest(name = "lambda {0}, l1 {1}")
    @CsvSource({"0, 0", "0.7, 0", "0, 0.3", "0.7, 0.3", "3e-5, 11"})
    void bitIdenticalToTheFormulasItReplaced(double lambda, double l1) {
        NetworkSpec spec = NetworkSpec.parse("6-7:tanh-5:relu-3:softmax");
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = new double[spec.parameterCount()];
            double[] accumulators = new double[theta.length];
            for (int p = 0; p < theta.length; p++) {
                theta[p] = p % 11 == 0 ? 0.0 : p % 13 == 0 ? -0.0 : random.nextDouble(-2, 2);
                accumulators[p] = p % 7 == 0 ? -0.0 : random.nextDouble(-50, 50);
            }
            long count = 1 + random.nextInt(1000);
            double costSum = random.nextDouble(0, 500);

            CostGradient actual = new Objective(lambda, l1).costGradient(spec, theta, sum(accumulators, costSum, count));

            double m = count;
            double[] expected = new double[theta.length];
            for (int p = 0; p < theta.length; p++) {
                expected[p] = accumulators[p] / m;
            }
            double squares = 0.0;
            double absolutes = 0.0;
            for (int l = 1; l < spec.layerCount(); l++) {
                int start = spec.thetaOffset(l) + spec.thetaRows(l);
                int end = spec.thetaOffset(l) + spec.thetaRows(l) * spec.thetaColumns(l);
                for (int p = start; p < end; p++) {
                    if (lambda != 0.0) {
                        expected[p] += lambda / m * theta[p];
                    }
                    squares += theta[p] * theta[p];
                    absolutes += Math.abs(theta[p]);
                }
            }
            if (l1 != 0) {
                double coefficient = l1 / count;
                for (int l = 1; l < spec.layerCount(); l++) {
                    int start = spec.thetaOffset(l) + spec.thetaRows(l);
                    int end = spec.thetaOffset(l) + spec.thetaRows(l) * spec.thetaColumns(l);
                    for (int p = start; p < end; p++) {
                        expected[p] += coefficient * Math.signum(theta[p]);
                    }
                }
            }
            double cost = costSum / count + lambda / (2.0 * count) * squares;
            double expectedCost = l1 == 0 ? cost : cost + l1 / count * absolutes;

            assertArrayEquals(bits(expected), bits(actual.gradient()), "D, trial " + trial);
            assertEquals(Double.doubleToRawLongBits(expectedCost), Double.doubleToRawLongBits(actual.cost()),
                    "J, trial " + trial);
            assertEquals(Double.doubleToRawLongBits(expectedCost),
                    Double.doubleToRawLongBits(new Objective(lambda, l1).cost(spec, theta, costSum, count)),
                    "evaluation J, trial " + trial);
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int p = 0; p < values.length; p++) {
            bits[p] = Double.doubleToRawLongBits(values[p]);
        }
        return bits;
    }

    @Test
    void badSettingsAreRefusedWithTheKeyAndValue() {
        assertEquals("lambda=-1.0: must be a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> Objective.l2(-1)).getMessage());
        assertEquals("lambda=Infinity: must be a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> new Objective(Double.POSITIVE_INFINITY, 0)).getMessage());
        assertEquals("l1=-0.1: must be a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Objective(0, -0.1)).getMessage());
        assertEquals("l1=NaN: must be a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Objective(0, Double.NaN)).getMessage());
        Objective objective = new Objective(0.1, 0.1);
        assertEquals("m=0: the cost is averaged over m >= 1 examples",
                assertThrows(IllegalArgumentException.class, () -> objective.cost(SPEC, THETA, 1.0, 0)).getMessage());
        assertEquals("no examples were summed; a gradient needs m >= 1", assertThrows(IllegalArgumentException.class,
                () -> objective.costGradient(SPEC, THETA, new GradientSum())).getMessage());
        assertEquals("θ has 2 values; network 2-2:sigmoid-1:sigmoid has 9 parameters",
                assertThrows(IllegalArgumentException.class,
                        () -> objective.l1Penalty(SPEC, new double[2], 4)).getMessage());
    }
}
