package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecisionBoundaryTest {

    @Test
    void xorShowsBothClassesRegionsAndTheBoundary() {
        Model model = ReportFixtures.xorNotes();
        BufferedImage image = DecisionBoundary.render(model, ReportFixtures.xorRows());
        Images.assertPicture(Png.encode(image), DecisionBoundary.WIDTH, DecisionBoundary.HEIGHT, 50);
        assertTrue(count(image, tintOf(DecisionBoundary.classColor(0))) > 10_000, "no confident class-0 region");
        assertTrue(count(image, tintOf(DecisionBoundary.classColor(1))) > 10_000, "no confident class-1 region");
        assertTrue(count(image, new Color(30, 30, 30)) > 300, "no boundary line");
    }

    @Test
    void theRangeIsTheDataPaddedByTenPercent() {
        assertArrayEquals(new double[] {-0.1, 1.1, -0.1, 1.1}, DecisionBoundary.range(ReportFixtures.xorRows()), 1e-12);
        assertArrayEquals(new double[] {-0.1, 1.1, -0.1, 1.1}, DecisionBoundary.range(List.of()), 1e-12);
        List<RawExample> one = List.of(new RawExample("x", 1, "0", new double[] {3, 5}));
        assertArrayEquals(new double[] {2.5, 3.5, 4.5, 5.5}, DecisionBoundary.range(one), 1e-12);
    }

    @Test
    void manyClassesAndManyPointsAndRegressionDraw() {
        SplittableRandom random = new SplittableRandom(7);
        List<RawExample> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            points.add(new RawExample("r", i + 1, Integer.toString(i % 4),
                    new double[] {random.nextDouble(-3, 3), random.nextDouble(10, 20)}));
        }
        Model classes = ReportFixtures.random("2-16:relu-4:softmax", 11);
        Images.assertPicture(Png.encode(DecisionBoundary.render(classes, points)), DecisionBoundary.WIDTH,
                DecisionBoundary.HEIGHT, 50);
        List<RawExample> values = new ArrayList<>();
        for (RawExample point : points) {
            values.add(new RawExample("r", point.line(), Double.toString(point.features()[0]), point.features()));
        }
        Model regression = ReportFixtures.random("2-8:tanh-1:linear", 12);
        Images.assertPicture(Png.encode(DecisionBoundary.render(regression, values)), DecisionBoundary.WIDTH,
                DecisionBoundary.HEIGHT, 50);
    }

    @Test
    void onlyTwoInputModelsApply() {
        assertTrue(DecisionBoundary.applies(ReportFixtures.xorNotes()));
        assertFalse(DecisionBoundary.applies(ReportFixtures.random("3-2:sigmoid-1:sigmoid", 1)));
    }

    /** The field's colour for a fully confident prediction of a class of this colour (see DecisionBoundary.shade). */
    private static Color tintOf(Color color) {
        return new Color(mix(color.getRed()), mix(color.getGreen()), mix(color.getBlue()));
    }

    private static int mix(int channel) {
        return (int) Math.round(255 + (channel - 255) * 0.6);
    }

    private static int count(BufferedImage image, Color color) {
        int rgb = color.getRGB() & 0xffffff;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }
}
