package dev.sparkprop.report;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Examples;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * For a regression network with one input: the function it computes, h_Θ(x), drawn as a line
 * over the training points (x, y). The notes' universal approximation made visible: with enough
 * hidden units and a linear output, the line follows any continuous target.
 *
 * <p>The line is h_Θ at {@value #CURVE_POINTS} evenly spaced x across the points' range padded by
 * 5% (raw feature units: each x is scaled with the model's scaling first). {@value #WIDTH} x
 * {@value #HEIGHT} pixels, in the style of the learning curves.
 */
final class FittedCurve {

    /** Image width and height in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;
    /** The most training points drawn. */
    public static final int MAX_POINTS = DecisionBoundary.MAX_POINTS;
    /** Where h_Θ is computed along x. */
    static final int CURVE_POINTS = 400;
    private static final Color POINTS = new Color(127, 127, 127);
    private static final Color CURVE = new Color(214, 39, 40);

    private FittedCurve() {
    }

    /** Whether the model is a regression on one input, so it has a curve to draw. */
    public static boolean applies(Model model) {
        return model.spec().inputSize() == 1 && !model.isClassification();
    }

    /** The fitted curve of {@code model} over up to {@link #MAX_POINTS} of {@code sample} (raw x, label y). */
    public static BufferedImage render(Model model, List<RawExample> sample) {
        if (!applies(model)) {
            throw new IllegalArgumentException("a fitted curve needs a regression network with 1 input; network "
                    + model.spec() + " is not one");
        }
        Png.headless();
        List<RawExample> points = sample.subList(0, Math.min(sample.size(), MAX_POINTS));
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (RawExample point : points) {
            double y = Double.parseDouble(point.label());
            if (Double.isFinite(point.features()[0]) && Double.isFinite(y)) {
                xs.add(point.features()[0]);
                ys.add(y);
            }
        }
        double low = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0.0);
        double high = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        double pad = high > low ? 0.05 * (high - low) : 0.5;
        double[] curveX = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            curveX[i] = low - pad + i * (high - low + 2 * pad) / (CURVE_POINTS - 1);
        }
        double[] curveY = predict(model, curveX);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Fitted curve: h(x) of network " + model.spec() + " over the training points")
                .xAxisTitle("x").yAxisTitle("y").build();
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        styler.setLegendPosition(LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setXAxisDecimalPattern("0.##");
        styler.setYAxisDecimalPattern("0.##");
        if (!xs.isEmpty()) {
            XYSeries data = chart.addSeries("training points", xs, ys);
            data.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            data.setMarker(SeriesMarkers.CIRCLE);
            data.setMarkerColor(POINTS);
        }
        XYSeries curve = chart.addSeries("h(x)", curveX, curveY);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(CURVE);
        curve.setLineStyle(new BasicStroke(2.5f));
        return Png.render(chart);
    }

    /** h_Θ at each raw x, in one batch: x scaled as in training, one example per column. */
    private static double[] predict(Model model, double[] xs) {
        double[] scaled = new double[xs.length];
        double[] raw = new double[1];
        for (int i = 0; i < xs.length; i++) {
            raw[0] = xs[i];
            model.scaling().applyInto(raw, scaled, i);
        }
        double[] outputs = new double[xs.length];
        new Backprop(model.spec(), xs.length).predictInto(model.theta(), new Examples(1, 0, xs.length, scaled, null),
                0, xs.length, outputs, 0);
        return outputs;
    }
}
