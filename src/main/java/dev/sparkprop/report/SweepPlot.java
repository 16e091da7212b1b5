package dev.sparkprop.report;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * A sweep's validation metric across its grid: the values of the grid's last axis along x (λ,
 * say), one line per setting of the other axes (one line per network, say), each point a
 * candidate's validation metric. {@value #WIDTH} x {@value #HEIGHT} pixels.
 */
public final class SweepPlot {

    /** Width of the image in pixels. */
    public static final int WIDTH = 900;
    /** Height of the image in pixels. */
    public static final int HEIGHT = 480;

    private SweepPlot() {
    }

    /**
     * The plot as PNG bytes.
     *
     * @param metric the y axis's name, e.g. {@code validation cost}
     * @param xName the last axis's key, e.g. {@code lambda}
     * @param xValues that axis's values, as written
     * @param lines per line's name, its y value at each of {@code xValues}, in their order
     */
    public static byte[] png(String metric, String xName, List<String> xValues, Map<String, List<Double>> lines) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(metric + " across the grid").xAxisTitle(xName).yAxisTitle(metric).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true); // every line's point for a value at that value, not side by side
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        lines.forEach((name, values) -> {
            if (values.size() != xValues.size()) {
                throw new IllegalArgumentException("line " + name + " has " + values.size() + " values for "
                        + xValues.size() + " values of " + xName);
            }
            chart.addSeries(name, xValues, values);
        });
        return Png.encode(Png.render(chart));
    }
}
