package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void aLongGradientIsScaledToTheMaximumNormKeepingItsDirection() {
        double[] gradient = {3.0, -4.0};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(gradient, 1.0));
        assertArrayEquals(new double[] {0.6, -0.8}, gradient, 1e-15);
    }

    @Test
    void aShortGradientPassesUntouched() {
        double[] gradient = {3.0, -4.0};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(gradient, 5.0));
        assertArrayEquals(new double[] {3.0, -4.0}, gradient, 0.0);
    }

    @Test
    void aNormWhoseSquareOverflowsIsStillMeasured() {
        double[] gradient = {3e200, 4e200};
        assertEquals(5e200, GradientClipping.clipByGlobalNorm(gradient, 10.0), 1e186);
        assertArrayEquals(new double[] {6.0, 8.0}, gradient, 1e-14);
    }

    @Test
    void aNonFiniteGradientIsLeftForTheCallerToStopOn() {
        double[] gradient = {Double.NaN, 1.0};
        assertEquals(Double.NaN, GradientClipping.clipByGlobalNorm(gradient, 1.0));
        assertEquals(1.0, gradient[1]);
    }

    @Test
    void aMaximumNormAtOrBelowZeroIsRefused() {
        assertEquals("clip-norm=0.0: must be > 0", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(new double[] {1.0}, 0.0)).getMessage());
        assertEquals("clip-norm=NaN: must be > 0", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(new double[] {1.0}, Double.NaN)).getMessage());
    }
}
