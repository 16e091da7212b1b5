package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two signs of divergence, the noise that is not one, and one line per run. */
class DivergenceWatchTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final DivergenceWatch watch = new DivergenceWatch(new PrintStream(printed, true, StandardCharsets.UTF_8),
            "0.5");

    private String lines() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTenfoldRiseWithinAnEpochIsNamedWithTheLearningRate() {
        watch.step(0, 0, 2.0);
        watch.step(0, 1, 1.5);
        watch.step(0, 2, 25.0);
        assertEquals("sparkprop: warning: the cost grew from 2.00000 to 25.0000 within epoch 1 (step 3): gradient"
                + " descent is diverging; the learning rate (learning-rate=0.5) is the likely cause, try a smaller one\n",
                lines());
    }

    @Test
    void aHundredfoldRiseOverTheRunIsNamedOnce() {
        watch.step(0, 0, 1.0);
        watch.epoch(0, 1.0);
        watch.step(1, 0, 150.0); // full batch: one step per epoch, so only the run-wide sign can see it
        watch.epoch(1, 150.0);
        watch.step(2, 0, 9e5);
        watch.epoch(2, 9e5);
        assertEquals(1, lines().lines().count(), lines());
        assertEquals("sparkprop: warning: the cost grew from 1.00000 at the start to 150.000 in epoch 2: gradient"
                + " descent is diverging; the learning rate (learning-rate=0.5) is the likely cause, try a smaller one",
                lines().strip());
    }

    /** Late in a run a minibatch may cost ten times the epoch's first one, and still less than the start. */
    @Test
    void minibatchNoiseBelowTheStartIsQuiet() {
        watch.step(0, 0, 2.3);
        watch.epoch(0, 0.5);
        watch.step(5, 0, 0.01);
        watch.step(5, 1, 0.4);
        watch.epoch(5, 0.05);
        watch.step(6, 0, 0.0); // a perfect batch, then an ordinary one
        watch.step(6, 1, 0.2);
        assertEquals("", lines());
    }
}
