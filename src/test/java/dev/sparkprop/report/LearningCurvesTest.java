package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    /** The train series' colour in the cost panel. */
    private static final int TRAIN_BLUE = 0x1f77b4;

    /** Lines as the training loop writes them: cost falling as {@code cost(e)}, accuracy rising, with validation. */
    static List<String> epochs(int count, double costScale) {
        List<String> lines = new ArrayList<>();
        for (int e = 1; e <= count; e++) {
            double cost = costScale * Math.exp(-0.4 * e);
            lines.add(String.format(Locale.ROOT, "{\"epoch\":%d,\"epochs\":%d,\"steps\":%d,\"train_cost\":%.6f,"
                    + "\"train_accuracy\":%.4f,\"validation_cost\":%.6f,\"validation_accuracy\":%.4f,"
                    + "\"examples_per_second\":1000,\"elapsed_seconds\":%.1f}", e, e, 10 * e, cost,
                    1 - 0.5 * Math.exp(-0.5 * e), cost * 1.1, 1 - 0.55 * Math.exp(-0.5 * e), 1.5 * e));
        }
        return lines;
    }

    @Test
    void twoPanelsOfTheExpectedSizeWithManyColours() {
        byte[] png = Png.encode(LearningCurves.render(epochs(12, 1.0)));
        Images.assertPicture(png, LearningCurves.WIDTH, 2 * LearningCurves.PANEL_HEIGHT, 20);
    }

    @Test
    void theTrainCurveFallsAcrossTheCostPanel() {
        // Without validation, so no orange series covers the blue one where the two meet.
        List<String> trainOnly = new ArrayList<>();
        for (String line : epochs(12, 1.0)) {
            trainOnly.add(line.replaceAll(",\"validation_[a-z]+\":[0-9.]+", ""));
        }
        BufferedImage image = LearningCurves.render(trainOnly);
        int[] rows = trainRowsByColumn(image, 0, LearningCurves.PANEL_HEIGHT);
        int first = -1;
        int last = -1;
        for (int x = 0; x < rows.length; x++) {
            if (rows[x] >= 0) {
                first = first < 0 ? rows[x] : first;
                last = rows[x];
            }
        }
        assertTrue(first >= 0, "no train curve drawn in the cost panel");
        // Screen y grows downwards: a falling cost ends lower on the picture than it starts.
        assertTrue(last > first + 100, "the cost curve does not fall: first row " + first + ", last row " + last);
    }

    @Test
    void differentMetricsDrawDifferentCurves() {
        BufferedImage falling = LearningCurves.render(epochs(12, 1.0));
        List<String> flat = new ArrayList<>();
        for (String line : epochs(12, 1.0)) {
            flat.add(line.replaceAll("\"train_cost\":[0-9.]+", "\"train_cost\":0.5"));
        }
        BufferedImage level = LearningCurves.render(flat);
        int[] a = trainRowsByColumn(falling, 0, LearningCurves.PANEL_HEIGHT);
        int[] b = trainRowsByColumn(level, 0, LearningCurves.PANEL_HEIGHT);
        assertFalse(Arrays.equals(a, b), "the same cost curve for different costs");
        assertFalse(Arrays.equals(Png.encode(falling), Png.encode(level)));
    }

    @Test
    void regressionRunsPlotRmseAndRunsWithoutValidationToo() {
        List<String> lines = List.of("{\"epoch\":1,\"train_cost\":2.0,\"train_rmse\":2.0}",
                "{\"epoch\":2,\"train_cost\":1.0,\"train_rmse\":1.4}", "{\"epoch\":3,\"train_cost\":0.5,\"train_rmse\":1.0}");
        BufferedImage image = LearningCurves.render(lines);
        assertEquals(2 * LearningCurves.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void lbfgsLinesArePlottedByIterationInOnePanel() {
        List<String> lines = List.of("{\"iteration\":0,\"evaluations\":1,\"train_cost\":0.69}",
                "{\"iteration\":1,\"evaluations\":3,\"train_cost\":0.4}", "{\"iteration\":2,\"evaluations\":4,\"train_cost\":0.1}");
        BufferedImage image = LearningCurves.render(lines);
        Images.assertPicture(Png.encode(image), LearningCurves.WIDTH, LearningCurves.PANEL_HEIGHT, 20);
    }

    @Test
    void oneEpochAndNaNCostsStillDraw() {
        assertEquals(LearningCurves.WIDTH, LearningCurves.render(epochs(1, 1.0)).getWidth());
        List<String> lines = List.of("{\"epoch\":1,\"train_cost\":0.7,\"train_accuracy\":0.5}",
                "{\"epoch\":2,\"train_cost\":NaN,\"train_accuracy\":0.5}");
        assertEquals(LearningCurves.WIDTH, LearningCurves.render(lines).getWidth());
    }

    @Test
    void nothingToDrawWithoutCostsAndBadLinesAreNamed() {
        assertNull(LearningCurves.render(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningCurves.render(List.of("{\"epoch\":1,\"train_cost\":1}", "{oops")));
        assertTrue(e.getMessage().startsWith("metrics line 2 is not JSON"), e.getMessage());
    }

    /**
     * For each pixel column, the lowest row in [top, bottom) with the train colour, or -1 (the
     * lowest, so the legend's sample line at the top right does not count where the curve is low).
     */
    private static int[] trainRowsByColumn(BufferedImage image, int top, int bottom) {
        int[] rows = new int[image.getWidth()];
        for (int x = 0; x < image.getWidth(); x++) {
            rows[x] = -1;
            for (int y = bottom - 1; y >= top; y--) {
                if ((image.getRGB(x, y) & 0xffffff) == TRAIN_BLUE) {
                    rows[x] = y;
                    break;
                }
            }
        }
        return rows;
    }
}
