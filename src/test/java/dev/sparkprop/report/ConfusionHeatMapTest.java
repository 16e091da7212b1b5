package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionHeatMapTest {

    private static final List<String> IRIS = List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica");

    @Test
    void aHeatMapOfTheExpectedSize() {
        ConfusionMatrix matrix = new ConfusionMatrix("test", IRIS, new long[][] {{10, 0, 0}, {0, 9, 1}, {0, 2, 8}});
        Images.assertPicture(Png.encode(ConfusionHeatMap.render(matrix)), ConfusionHeatMap.WIDTH,
                ConfusionHeatMap.HEIGHT, 20);
    }

    @Test
    void theCountsChangeThePicture() {
        BufferedImage right = ConfusionHeatMap.render(new ConfusionMatrix("test", IRIS,
                new long[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}}));
        BufferedImage wrong = ConfusionHeatMap.render(new ConfusionMatrix("test", IRIS,
                new long[][] {{0, 10, 0}, {0, 0, 10}, {10, 0, 0}}));
        assertNotEquals(java.util.Arrays.toString(Png.encode(right)), java.util.Arrays.toString(Png.encode(wrong)));
    }

    @Test
    void manyClassesDrawWithoutCellLabels() {
        int k = 30;
        long[][] counts = new long[k][k];
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            counts[c][c] = 50;
            counts[c][(c + 1) % k] = 3;
            names.add("c" + c);
        }
        Images.assertPicture(Png.encode(ConfusionHeatMap.render(new ConfusionMatrix("test", names, counts))),
                ConfusionHeatMap.WIDTH, ConfusionHeatMap.HEIGHT, 10);
    }

    @Test
    void aMatrixThatDoesNotFitItsClassesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix("test", IRIS, new long[][] {{1, 2}, {3, 4}}));
    }
}
