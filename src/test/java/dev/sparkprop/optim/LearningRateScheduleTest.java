package dev.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each shape at hand-computed steps, the warm-up ramp, the text forms and their errors. */
class LearningRateScheduleTest {

    private static final double TOLERANCE = 1e-15;

    private static LearningRateSchedule parse(String text, double rate) {
        return LearningRateSchedule.parse(text, rate, 0);
    }

    @Test
    void constantIsTheBaseRateAtEveryStep() {
        LearningRateSchedule constant = parse("constant", 0.1);
        assertEquals(0.1, constant.rate(0));
        assertEquals(0.1, constant.rate(1_000_000));
    }

    @Test
    void stepDecayDropsEveryEverySteps() {
        // α = 0.2, step:0.5:10 -> 0.2 · 0.5^floor(t/10)
        LearningRateSchedule step = parse("step:0.5:10", 0.2);
        assertEquals(0.2, step.rate(0), TOLERANCE);
        assertEquals(0.2, step.rate(9), TOLERANCE);    // floor(9/10) = 0
        assertEquals(0.1, step.rate(10), TOLERANCE);   // 0.2 · 0.5
        assertEquals(0.05, step.rate(25), TOLERANCE);  // 0.2 · 0.25
    }

    @Test
    void inverseDecayFollowsOnePlusGammaTToTheMinusPower() {
        // α = 1, inverse:0.5:2 -> (1 + 0.5 t)^-2
        LearningRateSchedule inverse = parse("inverse:0.5:2", 1.0);
        assertEquals(1.0, inverse.rate(0), TOLERANCE);
        assertEquals(0.25, inverse.rate(2), TOLERANCE);    // 2^-2
        assertEquals(0.0625, inverse.rate(6), TOLERANCE);  // 4^-2
        // α = 0.3, inverse:1:0.5 at t = 3: 0.3 · 4^-0.5 = 0.15
        assertEquals(0.15, parse("inverse:1:0.5", 0.3).rate(3), TOLERANCE);
    }

    @Test
    void cosineFallsFromAlphaToZeroAtTotalAndStays() {
        // α = 0.1, cosine:100 -> 0.1 · ½ (1 + cos(π min(t, 100) / 100))
        LearningRateSchedule cosine = parse("cosine:100", 0.1);
        assertEquals(0.1, cosine.rate(0), TOLERANCE);
        assertEquals(0.08535533905932738, cosine.rate(25), TOLERANCE); // 0.05 (1 + √2/2)
        assertEquals(0.05, cosine.rate(50), TOLERANCE);                 // cos(π/2) = 0
        assertEquals(0.0, cosine.rate(100), TOLERANCE);
        assertEquals(0.0, cosine.rate(150), TOLERANCE);
    }

    @Test
    void warmUpRampsLinearlyThenHandsOverToTheShapeAtItsStepZero() {
        // α = 0.2, W = 4: 0.05, 0.10, 0.15, 0.20, then step:0.5:10 from its own step 0
        LearningRateSchedule schedule = LearningRateSchedule.parse("step:0.5:10", 0.2, 4);
        assertEquals(0.05, schedule.rate(0), TOLERANCE);
        assertEquals(0.1, schedule.rate(1), TOLERANCE);
        assertEquals(0.15, schedule.rate(2), TOLERANCE);
        assertEquals(0.2, schedule.rate(3), TOLERANCE);
        assertEquals(0.2, schedule.rate(4), TOLERANCE);   // shape step 0
        assertEquals(0.2, schedule.rate(13), TOLERANCE);  // shape step 9
        assertEquals(0.1, schedule.rate(14), TOLERANCE);  // shape step 10
        assertEquals(0.2, schedule.learningRate());
    }

    @Test
    void textFormsReadBackToEqualSchedules() {
        for (String text : new String[] {"constant", "step:0.5:1000", "inverse:0.001:0.75", "cosine:10000"}) {
            LearningRateSchedule schedule = parse(text, 0.1);
            assertEquals(text, schedule.text());
            assertEquals(schedule, parse(schedule.text(), 0.1));
        }
    }

    private static void assertRefused(String message, Runnable action) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    @Test
    void badTextIsRefusedWithTheTextQuoted() {
        String choices = "choose one of constant, step:DROP:EVERY, inverse:GAMMA:POWER, cosine:TOTAL";
        assertRefused("schedule=linear: unknown; " + choices, () -> parse("linear", 0.1));
        assertRefused("schedule=: empty; " + choices, () -> parse("", 0.1));
        assertRefused("schedule=step:0.5: expected step:DROP:EVERY, e.g. step:0.5:1000", () -> parse("step:0.5", 0.1));
        assertRefused("schedule=constant:1: expected constant", () -> parse("constant:1", 0.1));
        assertRefused("schedule=step:abc:10: DROP 'abc' is not a number", () -> parse("step:abc:10", 0.1));
        assertRefused("schedule=step:1.5:10: DROP must be in (0, 1]; got 1.5", () -> parse("step:1.5:10", 0.1));
        assertRefused("schedule=step:0.5:0: EVERY must be >= 1 step; got 0", () -> parse("step:0.5:0", 0.1));
        assertRefused("schedule=inverse:-1:1: GAMMA must be a finite number >= 0; got -1.0",
                () -> parse("inverse:-1:1", 0.1));
        assertRefused("schedule=cosine:1.5: TOTAL '1.5' is not a whole number of steps", () -> parse("cosine:1.5", 0.1));
        assertRefused("warmup=-1: must be >= 0", () -> LearningRateSchedule.parse("constant", 0.1, -1));
        assertRefused("learning-rate=0.0: must be a finite number > 0", () -> parse("constant", 0.0));
        assertRefused("step -1: the step count starts at 0", () -> parse("constant", 0.1).rate(-1));
    }
}
