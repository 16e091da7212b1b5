package dev.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A metrics.jsonl line reads back into the epoch that wrote it, at the printed precision. */
class EpochMetricsTest {

    @Test
    void anEpochWithAValidationSetReadsBackAsPrinted() {
        EpochMetrics epoch = new EpochMetrics(7, 14, new PassMetrics(0.123456789, 0.9375, Double.NaN),
                new PassMetrics(0.2, 0.875, Double.NaN), 1234, 1.23456789, false);

        EpochMetrics read = EpochMetrics.fromJson(epoch.toJson());

        assertEquals(new EpochMetrics(7, 14, new PassMetrics(0.123457, 0.9375, Double.NaN),
                new PassMetrics(0.2, 0.875, Double.NaN), 1234, 1.234568, false), read);
        assertEquals(epoch.toJson(), read.toJson());
    }

    @Test
    void aRegressionEpochAndAnLbfgsIterationReadBack() {
        EpochMetrics regression = new EpochMetrics(1, 3, new PassMetrics(0.5, Double.NaN, 0.25), null, 10, 0.5, false);
        EpochMetrics lbfgs = new EpochMetrics(4, 9, new PassMetrics(0.75, Double.NaN, Double.NaN), null, 0, 2, true);

        assertEquals(regression, EpochMetrics.fromJson(regression.toJson()));
        assertEquals(lbfgs, EpochMetrics.fromJson(lbfgs.toJson()));
        assertNull(EpochMetrics.fromJson(lbfgs.toJson()).validation());
    }

    @Test
    void refusesALineThatIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EpochMetrics.fromJson("epoch 1/10"));
        assertEquals("not a metrics line: ", e.getMessage().substring(0, 20));
    }
}
