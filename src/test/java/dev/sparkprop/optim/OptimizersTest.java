package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The factory's names and the settings every optimizer refuses, with their exact messages. */
class OptimizersTest {

    private static Optimizer create(String name) {
        return Optimizers.create(name, 0.1, 0.9, 0.9, 0.999, 1e-8);
    }

    private static void assertRefused(String message, Runnable action) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    @Test
    void eachNameBuildsItsRuleWithTheGivenSettings() {
        assertInstanceOf(GradientDescent.class, create("sgd"));
        assertEquals(0.9, assertInstanceOf(Momentum.class, create("momentum")).momentum());
        assertEquals(0.9, assertInstanceOf(Nesterov.class, create(" Nesterov ")).momentum());
        Optimizer adam = create("adam");
        assertInstanceOf(Adam.class, adam);
        assertEquals(0.1, adam.learningRate());
    }

    @Test
    void namesAreReadTrimmedAndInLowerCase() {
        assertEquals("lbfgs", Optimizers.name(" LBFGS "));
        assertEquals("adam", Optimizers.name("Adam"));
        assertRefused("optimizer=rmsprop: unknown; choose one of sgd, momentum, nesterov, adam, lbfgs",
                () -> Optimizers.name("rmsprop"));
    }

    @Test
    void unknownNamesAndLbfgsAreRefused() {
        assertRefused("optimizer=foo: unknown; choose one of sgd, momentum, nesterov, adam, lbfgs", () -> create("foo"));
        assertRefused("optimizer=null: unknown; choose one of sgd, momentum, nesterov, adam, lbfgs", () -> create(null));
        assertRefused("optimizer=lbfgs: not a per-step optimizer; it minimizes the full-batch cost through Lbfgs",
                () -> create("lbfgs"));
    }

    @Test
    void settingsOutOfRangeAreRefusedWithKeyAndValue() {
        assertRefused("learning-rate=0.0: must be a finite number > 0",
                () -> Optimizers.create("adam", 0.0, 0.9, 0.9, 0.999, 1e-8));
        assertRefused("learning-rate=Infinity: must be a finite number > 0",
                () -> Optimizers.create("momentum", Double.POSITIVE_INFINITY, 0.9, 0.9, 0.999, 1e-8));
        assertRefused("momentum=1.5: must be in [0, 1)", () -> Optimizers.create("nesterov", 0.1, 1.5, 0.9, 0.999, 1e-8));
        assertRefused("momentum=-0.1: must be in [0, 1)", () -> Optimizers.create("sgd", 0.1, -0.1, 0.9, 0.999, 1e-8));
        assertRefused("beta1=1.0: must be in [0, 1)", () -> Optimizers.create("adam", 0.1, 0.9, 1.0, 0.999, 1e-8));
        assertRefused("beta2=NaN: must be in [0, 1)", () -> Optimizers.create("adam", 0.1, 0.9, 0.9, Double.NaN, 1e-8));
        assertRefused("epsilon=0.0: must be a finite number > 0", () -> Optimizers.create("adam", 0.1, 0.9, 0.9, 0.999, 0));
    }

    @Test
    void constructorsCheckTheirOwnSettings() {
        assertRefused("momentum=1.0: must be in [0, 1)", () -> new Momentum(0.1, 1.0));
        assertRefused("learning-rate=-1.0: must be a finite number > 0", () -> new Nesterov(-1, 0.5));
        assertRefused("epsilon=-1.0E-8: must be a finite number > 0", () -> new Adam(0.1, 0.9, 0.999, -1e-8));
        assertRefused("learning-rate=0.0: must be a finite number > 0", () -> new GradientDescent(0));
    }
}
