package dev.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropoutTest {

    private static final NetworkSpec SPEC = NetworkSpec.parse("6-20:tanh-12:sigmoid-4:softmax");
    private static final Examples DATA = BackpropTest.randomBlock(SPEC, 40, 5);
    private static final double[] THETA = Initialization.parse("xavier").initialize(SPEC, 3);

    private static GradientSum sums(Dropout dropout, double[] theta, int capacity) {
        GradientSum sum = new GradientSum();
        new Backprop(SPEC, capacity).accumulateInto(theta, DATA, null, 0, DATA.size(), dropout, sum);
        return sum;
    }

    @Test
    void rateZeroIsExactlyNoDropout() {
        GradientSum none = sums(Dropout.NONE, THETA, 16);
        GradientSum zero = sums(new Dropout(new double[] {0.0, 0.0}, 99), THETA, 16);
        assertArrayEquals(none.accumulators(), zero.accumulators(), 0.0);
        assertEquals(none.cost(), zero.cost(), 0.0);
    }

    @Test
    void masksRepeatWithTheSeedAndDifferAcrossSteps() {
        double[] rates = {0.5, 0.2};
        GradientSum first = sums(new Dropout(rates, Dropout.stepSeed(1, 7, 0)), THETA, 16);
        GradientSum again = sums(new Dropout(rates, Dropout.stepSeed(1, 7, 0)), THETA, 40);
        GradientSum nextStep = sums(new Dropout(rates, Dropout.stepSeed(1, 8, 0)), THETA, 16);
        GradientSum otherPartition = sums(new Dropout(rates, Dropout.stepSeed(1, 7, 1)), THETA, 16);
        assertArrayEquals(first.accumulators(), again.accumulators(), 1e-12, "same seed, different chunking: same masks");
        assertFalse(Arrays.equals(first.accumulators(), nextStep.accumulators()));
        assertFalse(Arrays.equals(first.accumulators(), otherPartition.accumulators()));
        assertFalse(Arrays.equals(first.accumulators(), sums(Dropout.NONE, THETA, 16).accumulators()));
    }

    @Test
    void evaluationUsesTheWholeNetwork() {
        Backprop backprop = new Backprop(SPEC, 16);
        double[] before = new double[4 * DATA.size()];
        backprop.predictInto(THETA, DATA, 0, DATA.size(), before, 0);
        backprop.accumulateInto(THETA, DATA, null, 0, DATA.size(), new Dropout(new double[] {0.5, 0.5}, 3),
                new GradientSum());
        double[] after = new double[4 * DATA.size()];
        backprop.predictInto(THETA, DATA, 0, DATA.size(), after, 0);
        double[] fresh = new double[4 * DATA.size()];
        new Backprop(SPEC, 40).predictInto(THETA, DATA, 0, DATA.size(), fresh, 0);
        assertArrayEquals(before, after, 0.0);
        assertArrayEquals(fresh, after, 1e-15);
    }

    /** With the masks held fixed, Δ is the exact gradient of the thinned network's cost. */
    @Test
    void gradientIsTheThinnedNetworksGradient() {
        Dropout dropout = new Dropout(new double[] {0.3, 0.4}, 12345);
        double[] analytical = sums(dropout, THETA, 16).accumulators();
        double[] shifted = THETA.clone();
        double difference = 0;
        double total = 0;
        for (int p = 0; p < THETA.length; p++) {
            shifted[p] = THETA[p] + 1e-5;
            double plus = sums(dropout, shifted, 16).cost();
            shifted[p] = THETA[p] - 1e-5;
            double minus = sums(dropout, shifted, 16).cost();
            shifted[p] = THETA[p];
            double numerical = (plus - minus) / 2e-5;
            difference += Math.pow(numerical - analytical[p], 2);
            total += Math.pow(numerical + analytical[p], 2);
        }
        assertTrue(Math.sqrt(difference / total) < 1e-8, "relative difference " + Math.sqrt(difference / total));
    }

    /**
     * Dropout on layers that keep z (abs, maxout:2): the mask scales ∂J/∂a before δ is made from
     * z, so Δ is still the thinned network's exact gradient.
     */
    @Test
    void absAndMaxoutLayersGiveTheThinnedNetworksGradientToo() {
        NetworkSpec spec = NetworkSpec.parse("6-10:abs-8:maxout:2-4:softmax");
        Examples data = BackpropTest.randomBlock(spec, 30, 8);
        double[] theta = Initialization.parse("xavier").initialize(spec, 6);
        Dropout dropout = new Dropout(new double[] {0.3, 0.4}, 2024);
        GradientSum sum = new GradientSum();
        new Backprop(spec, 16).accumulateInto(theta, data, null, 0, data.size(), dropout, sum);
        double[] analytical = sum.accumulators();
        double[] shifted = theta.clone();
        double difference = 0;
        double total = 0;
        for (int p = 0; p < theta.length; p++) {
            double[] costs = new double[2];
            for (int side = 0; side < 2; side++) {
                shifted[p] = theta[p] + (side == 0 ? 1e-5 : -1e-5);
                GradientSum shiftedSum = new GradientSum();
                new Backprop(spec, 16).accumulateInto(shifted, data, null, 0, data.size(), dropout, shiftedSum);
                costs[side] = shiftedSum.cost();
            }
            shifted[p] = theta[p];
            double numerical = (costs[0] - costs[1]) / 2e-5;
            difference += Math.pow(numerical - analytical[p], 2);
            total += Math.pow(numerical + analytical[p], 2);
        }
        assertTrue(Math.sqrt(difference / total) < 1e-8, "relative difference " + Math.sqrt(difference / total));
        GradientSum none = new GradientSum();
        new Backprop(spec, 16).accumulateInto(theta, data, null, 0, data.size(), Dropout.NONE, none);
        assertFalse(Arrays.equals(analytical, none.accumulators()), "the masks changed the gradient");
    }

    @Test
    void theRateIsTheProbabilityOfDroppingAUnit() {
        // A one-hidden-layer identity network with every parameter 1: a hidden unit's
        // activation is the sum of the inputs, so dropped units show up as exact zeros in δ^(2)'s
        // footprint on Δ^(1). Count them through the gradient of each hidden unit's weights.
        NetworkSpec spec = NetworkSpec.parse("1-1000:identity-1:linear");
        double[] theta = new double[spec.parameterCount()];
        Arrays.fill(theta, 1.0);
        Examples one = Examples.fromRows(new double[][] {{1.0}}, new double[][] {{0.0}});
        GradientSum sum = new GradientSum();
        new Backprop(spec, 1).accumulateInto(theta, one, null, 0, 1, new Dropout(new double[] {0.3}, 77), sum);
        int dropped = 0;
        for (int i = 1; i <= 1000; i++) {
            dropped += sum.accumulators()[spec.thetaIndex(1, i, 1)] == 0.0 ? 1 : 0;
        }
        assertEquals(300, dropped, 45, "about 30% of 1000 units dropped");
    }

    @Test
    void ratesAreParsedAsOneForAllOrOnePerHiddenLayer() {
        assertArrayEquals(new double[] {0.25, 0.25}, Dropout.parseRates("0.25", SPEC), 0.0);
        assertArrayEquals(new double[] {0.1, 0.5}, Dropout.parseRates(" 0.1 , 0.5 ", SPEC), 0.0);
        assertArrayEquals(new double[0], Dropout.parseRates("0", NetworkSpec.parse("3-1:linear")), 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0         | a rate is the probability of dropping a unit and must be in [0, 1); got 1.0",
        "0.1,-0.1    | a rate is the probability of dropping a unit and must be in [0, 1); got -0.1",
        "0.1,0.2,0.3 | give one rate, or one per hidden layer (2)",
        "half        | 'half' is not a number",
    })
    void badRatesAreRefusedQuotingThePart(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> Dropout.parseRates(text, SPEC)).getMessage());
    }

    @Test
    void aNetworkWithoutHiddenLayersTakesNoRate() {
        assertEquals("the network has no hidden layer to drop units from", assertThrows(IllegalArgumentException.class,
                () -> Dropout.parseRates("0.2", NetworkSpec.parse("3-1:linear"))).getMessage());
        assertEquals("a rate is the probability of dropping a unit and must be in [0, 1); got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> new Dropout(new double[] {Double.NaN}, 1)).getMessage());
    }
}
