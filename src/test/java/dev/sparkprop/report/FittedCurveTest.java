package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FittedCurveTest {

    private static final int CURVE_RGB = 0xd62728;

    /** h(x) = 1 + 2x: a linear unit on one input. */
    private static Model line() {
        NetworkSpec spec = NetworkSpec.parse("1-1:linear");
        return Model.of(spec, new double[] {1, 2}, Provenance.NONE);
    }

    private static List<RawExample> points(Model model) {
        List<RawExample> points = new ArrayList<>();
        for (int n = 0; n <= 20; n++) {
            double x = -1 + n * 0.1;
            points.add(new RawExample("line.csv", n + 2, Double.toString(model.predict(new double[] {x})[0] + 0.3),
                    new double[] {x}));
        }
        return points;
    }

    @Test
    void theCurveRisesAsTheNetworkDoesOverItsPoints() {
        Model model = line();
        BufferedImage image = FittedCurve.render(model, points(model));
        Images.assertPicture(Png.encode(image), FittedCurve.WIDTH, FittedCurve.HEIGHT, 10);
        // The curve's colour, column by column: h rises, so its row (screen y) falls from left to right.
        int leftRow = curveRow(image, FittedCurve.WIDTH / 4);
        int rightRow = curveRow(image, 3 * FittedCurve.WIDTH / 4);
        assertTrue(leftRow > 0 && rightRow > 0, "the curve is drawn in both halves");
        assertTrue(rightRow < leftRow, "h(x) = 1 + 2x rises: row " + leftRow + " then " + rightRow);
    }

    /** The first row of {@code column} in the curve's colour, or -1. */
    private static int curveRow(BufferedImage image, int column) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(column, y) & 0xffffff) == CURVE_RGB) {
                return y;
            }
        }
        return -1;
    }

    @Test
    void onlyARegressionOnOneInputHasACurve() {
        assertTrue(FittedCurve.applies(line()));
        assertTrue(FittedCurve.applies(ReportFixtures.random("1-8:sigmoid-1:linear", 2)));
        assertFalse(FittedCurve.applies(ReportFixtures.random("1-1:sigmoid", 2)), "a classifier");
        assertFalse(FittedCurve.applies(ReportFixtures.random("2-3:tanh-1:linear", 2)), "two inputs");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FittedCurve.render(ReportFixtures.random("2-3:tanh-1:linear", 2), List.of()));
        assertEquals("a fitted curve needs a regression network with 1 input; network 2-3:tanh-1:linear is not one",
                refused.getMessage());
    }

    @Test
    void withoutPointsTheCurveIsDrawnOverTheUnitInterval() {
        BufferedImage image = FittedCurve.render(line(), List.of());
        assertTrue(curveRow(image, FittedCurve.WIDTH / 2) > 0);
    }
}
