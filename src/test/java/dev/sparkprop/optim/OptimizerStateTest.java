package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** state() and restore(): a checkpointed run continues bit for bit; foreign states are refused. */
class OptimizerStateTest {

    private static final List<Supplier<Optimizer>> RULES = List.of(
            () -> new GradientDescent(0.1),
            () -> new Momentum(0.05, 0.9),
            () -> new Nesterov(0.05, 0.9),
            () -> new Adam(0.05, 0.9, 0.999, 1e-8));

    @Test
    void aRestoredOptimizerContinuesExactlyAsTheUninterruptedOne() {
        for (Supplier<Optimizer> rule : RULES) {
            double[] uninterrupted = new double[3];
            QuadraticProblemTest.descend(rule.get(), uninterrupted, 20);

            double[] resumed = new double[3];
            Optimizer first = rule.get();
            QuadraticProblemTest.descend(first, resumed, 7);
            double[][] checkpoint = first.state();
            QuadraticProblemTest.descend(first, new double[3], 5); // must not reach the checkpoint
            Optimizer second = rule.get();
            second.restore(checkpoint);
            QuadraticProblemTest.descend(second, resumed, 13);

            assertArrayEquals(uninterrupted, resumed, 0.0, first.getClass().getSimpleName());
        }
    }

    @Test
    void restoreCopiesTheArraysItIsGiven() {
        Momentum momentum = new Momentum(0.1, 0.9);
        double[][] state = {{1.0, 2.0}};
        momentum.restore(state);
        state[0][0] = 99.0;
        assertArrayEquals(new double[] {1.0, 2.0}, momentum.state()[0], 0.0);
    }

    @Test
    void aFreshStateIsEmptyAndRestoresToAFreshOptimizer() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        double[][] fresh = adam.state();
        assertEquals(0, fresh[0].length);
        assertEquals(0, fresh[1].length);
        assertEquals(0.0, fresh[2][0]);
        assertEquals(0, new GradientDescent(0.1).state().length);
    }

    private static void assertRefused(String message, Runnable action) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    @Test
    void statesOfTheWrongShapeAreRefused() {
        assertRefused("momentum state must have 1 arrays; got 3",
                () -> new Momentum(0.1, 0.9).restore(new double[3][2]));
        assertRefused("nesterov state must have 1 arrays; got none", () -> new Nesterov(0.1, 0.9).restore(null));
        assertRefused("sgd state must have 0 arrays; got 1", () -> new GradientDescent(0.1).restore(new double[1][1]));
        assertRefused("adam state: array 1 is missing",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).restore(new double[][] {{1}, null, {1}}));
        assertRefused("adam state: m has 2 values but v has 3; they must match",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).restore(new double[][] {{1, 2}, {1, 2, 3}, {1}}));
        assertRefused("adam state: the step count t must be 1 value; got 2",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).restore(new double[][] {{1}, {1}, {1, 2}}));
        assertRefused("adam state: the step count t must be a whole number >= 0; got 2.5",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).restore(new double[][] {{1}, {1}, {2.5}}));
        assertRefused("adam state: step count t=4 but no moments m, v",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).restore(new double[][] {{}, {}, {4}}));
    }

    @Test
    void aStateForAnotherNetworkIsRefusedAtTheNextStep() {
        Momentum momentum = new Momentum(0.1, 0.9);
        momentum.restore(new double[][] {{0.0, 0.0}});
        assertRefused("momentum state holds 2 values per quantity but θ has 3; was it restored from another network?",
                () -> momentum.step(new double[3], new double[3]));
    }

    @Test
    void stepsWithMismatchedOrUnusableArgumentsAreRefused() {
        assertRefused("the gradient has 2 values but θ has 3; they must share θ's layout",
                () -> new Adam(0.1, 0.9, 0.999, 1e-8).step(new double[2], new double[3]));
        assertRefused("the learning rate of this step is NaN; it must be a finite number >= 0",
                () -> new Nesterov(0.1, 0.9).step(new double[3], new double[3], Double.NaN));
    }
}
