package dev.sparkprop.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The confusion matrix as a heat map: predicted class across, actual class down (read like the
 * table {@code evaluate} prints, class 0 at the top left), each cell shaded by its count and,
 * for up to {@link #LABELLED_CLASSES} classes, labelled with it.
 */
final class ConfusionHeatMap {

    /** Beyond this many classes the cells are too small for their counts. */
    public static final int LABELLED_CLASSES = 20;
    /** Image width and height in pixels. */
    public static final int WIDTH = 760;
    public static final int HEIGHT = 680;

    private ConfusionHeatMap() {
    }

    /** The heat map of {@code matrix}. */
    public static BufferedImage render(ConfusionMatrix matrix) {
        Png.headless();
        int k = matrix.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion matrix (" + matrix.dataset() + ", " + matrix.total() + " examples)")
                .xAxisTitle("predicted class").yAxisTitle("actual class").build();
        HeatMapStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(false);
        // Light to mid blue, so black counts stay readable on every cell.
        styler.setRangeColors(new Color[] {new Color(247, 251, 255), new Color(158, 202, 225), new Color(49, 130, 189)});
        styler.setShowValue(k <= LABELLED_CLASSES);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, k <= 10 ? 14 : 10));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("#");
        styler.setMin(0);
        styler.setMax(Math.max(1, max(matrix.counts())));
        List<String> predicted = new ArrayList<>(matrix.classNames());
        // The y axis grows upwards: list the actual classes bottom to top so class 0 is on top.
        List<String> actual = new ArrayList<>();
        for (int a = k - 1; a >= 0; a--) {
            actual.add(matrix.classNames().get(a));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - a, matrix.counts()[a][p]});
            }
        }
        chart.addSeries("count", predicted, actual, cells);
        return Png.render(chart);
    }

    private static long max(long[][] counts) {
        long max = 0;
        for (long[] row : counts) {
            for (long count : row) {
                max = Math.max(max, count);
            }
        }
        return max;
    }
}
