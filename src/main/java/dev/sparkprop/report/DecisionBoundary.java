package dev.sparkprop.report;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
 * For a network with two inputs: what it predicts over the input plane, with the training
 * points on top. Classification shades each point of the plane in the colour of its predicted
 * class (paler where the network is less sure) and draws the decision boundary, where the
 * prediction changes, as a dark line; regression shades it by the predicted value.
 *
 * <p>The plane spans the points' range padded by 10% on each side (the unit square when there
 * are no points), in raw feature units: each grid point is scaled with the model's scaling
 * before the network sees it. XChart draws the axes, legend and points over the shaded field.
 */
public final class DecisionBoundary {

    /** Image width and height in pixels. */
    public static final int WIDTH = 820;
    public static final int HEIGHT = 680;
    /** The most training points drawn. */
    public static final int MAX_POINTS = 2000;
    /** Multiply-adds the field may cost: the grid is coarser than a pixel for big networks. */
    private static final double FIELD_BUDGET = 2e8;
    private static final Color BOUNDARY = new Color(30, 30, 30);
    private static final Color[] CLASS_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private DecisionBoundary() {
    }

    /** Whether the model takes two inputs, so it has a plane to draw. */
    public static boolean applies(Model model) {
        return model.spec().inputSize() == 2;
    }

    /** The colour of class {@code c} (ten colours, repeated beyond). */
    static Color classColor(int c) {
        return CLASS_COLORS[c % CLASS_COLORS.length];
    }

    /** The plane of {@code model} with up to {@link #MAX_POINTS} of {@code sample} (raw features, label text). */
    public static BufferedImage render(Model model, List<RawExample> sample) {
        if (!applies(model)) {
            throw new IllegalArgumentException("a decision boundary needs 2 inputs; network " + model.spec()
                    + " has " + model.spec().inputSize());
        }
        Png.headless();
        List<RawExample> points = sample.subList(0, Math.min(sample.size(), MAX_POINTS));
        double[] range = range(points);
        XYChart chart = chart(model, points, range);
        // 1. Lay the chart out once to learn where the plot area is in pixels.
        BufferedImage layout = Png.render(chart);
        int left = (int) Math.round(chart.getScreenXFromChart(range[0]));
        int right = (int) Math.round(chart.getScreenXFromChart(range[1]));
        int top = (int) Math.round(chart.getScreenYFromChart(range[3]));
        int bottom = (int) Math.round(chart.getScreenYFromChart(range[2]));
        layout.flush();
        // 2. Shade the field into that area, then let XChart draw axes, legend and points over it.
        BufferedImage image = Png.canvas(WIDTH, HEIGHT);
        Graphics2D g = Png.graphics(image);
        BufferedImage field = field(model, range, Math.max(1, right - left), Math.max(1, bottom - top));
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(field, left, top, right - left, bottom - top, null);
        chart.paint(g, WIDTH, HEIGHT);
        g.dispose();
        return image;
    }

    /** {xMin, xMax, yMin, yMax}: the points' range padded by 10%, or the unit square padded. */
    static double[] range(List<RawExample> points) {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (RawExample point : points) {
            for (int axis = 0; axis < 2; axis++) {
                double value = point.features()[axis];
                if (Double.isFinite(value)) {
                    range[2 * axis] = Math.min(range[2 * axis], value);
                    range[2 * axis + 1] = Math.max(range[2 * axis + 1], value);
                }
            }
        }
        for (int axis = 0; axis < 2; axis++) {
            double low = range[2 * axis];
            double high = range[2 * axis + 1];
            if (!(low <= high)) {
                low = 0.0;
                high = 1.0;
            }
            double pad = high > low ? 0.1 * (high - low) : 0.5;
            range[2 * axis] = low - pad;
            range[2 * axis + 1] = high + pad;
        }
        return range;
    }

    private static XYChart chart(Model model, List<RawExample> points, double[] range) {
        boolean classes = model.isClassification();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(classes ? "Decision regions and boundary over the input plane"
                        : "Predicted value over the input plane (darker = larger)")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        Color clear = new Color(0, 0, 0, 0);
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setChartBackgroundColor(clear);
        styler.setPlotBackgroundColor(clear);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotContentSize(1.0); // the axes' range fills the plot area: the field goes edge to edge
        styler.setXAxisMin(range[0]);
        styler.setXAxisMax(range[1]);
        styler.setYAxisMin(range[2]);
        styler.setYAxisMax(range[3]);
        styler.setMarkerSize(9);
        styler.setXAxisDecimalPattern("0.##");
        styler.setYAxisDecimalPattern("0.##");
        // An invisible series on the corners: a chart needs one, and the sample may be empty.
        XYSeries corners = chart.addSeries(" ", new double[] {range[0], range[1]}, new double[] {range[2], range[3]});
        corners.setMarker(SeriesMarkers.NONE);
        corners.setShowInLegend(false);
        int groups = classes ? model.labels().size() : 1;
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int c = 0; c < groups; c++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        for (RawExample point : points) {
            int group = classes ? model.labels().indexOf(point.label()) : 0;
            xs.get(group).add(point.features()[0]);
            ys.get(group).add(point.features()[1]);
        }
        for (int c = 0; c < groups; c++) {
            if (xs.get(c).isEmpty()) {
                continue;
            }
            String name = classes ? "class " + model.labels().name(c) : "training points";
            XYSeries series = chart.addSeries(name, xs.get(c), ys.get(c));
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(classes ? classColor(c).darker() : Color.BLACK);
        }
        return chart;
    }

    /** The plane shaded at up to one grid cell per pixel, {@code width x height} pixels. */
    private static BufferedImage field(Model model, double[] range, int width, int height) {
        NetworkSpec spec = model.spec();
        double cells = Math.min((double) width * height, Math.max(1e4, FIELD_BUDGET / spec.parameterCount()));
        double shrink = Math.sqrt(cells / ((double) width * height));
        int nx = Math.max(2, (int) (width * shrink));
        int ny = Math.max(2, (int) (height * shrink));
        double[] outputs = predictGrid(model, range, nx, ny);
        int k = spec.outputSize();
        BufferedImage field = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        int[] predicted = new int[nx * ny];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int cell = 0; cell < nx * ny; cell++) {
            predicted[cell] = Backprop.classOf(outputs, cell * k, k);
            low = Math.min(low, outputs[cell * k]);
            high = Math.max(high, outputs[cell * k]);
        }
        for (int row = 0; row < ny; row++) {
            for (int column = 0; column < nx; column++) {
                int cell = row * nx + column;
                Color color = model.isClassification()
                        ? shade(classColor(predicted[cell]), confidence(outputs, cell * k, k))
                        : shade(new Color(8, 48, 107), high > low ? (outputs[cell] - low) / (high - low) : 0.5);
                boolean edge = model.isClassification()
                        && ((column + 1 < nx && predicted[cell + 1] != predicted[cell])
                        || (row + 1 < ny && predicted[cell + nx] != predicted[cell]));
                field.setRGB(column, row, (edge ? BOUNDARY : color).getRGB());
            }
        }
        return field;
    }

    /** h_Θ at the centre of each cell, row 0 at the top (largest x2): K values per cell, cells row by row. */
    private static double[] predictGrid(Model model, double[] range, int nx, int ny) {
        double[] features = new double[2 * nx * ny];
        double[] raw = new double[2];
        for (int row = 0; row < ny; row++) {
            for (int column = 0; column < nx; column++) {
                raw[0] = range[0] + (column + 0.5) * (range[1] - range[0]) / nx;
                raw[1] = range[3] - (row + 0.5) * (range[3] - range[2]) / ny;
                model.scaling().applyInto(raw, features, 2 * (row * nx + column));
            }
        }
        NetworkSpec spec = model.spec();
        double[] outputs = new double[spec.outputSize() * nx * ny];
        new Backprop(spec, 512).predictInto(model.theta(), new Examples(2, 0, nx * ny, features, null),
                0, nx * ny, outputs, 0);
        return outputs;
    }

    /** How sure the prediction is, 0 (a tie) to 1: |2p - 1| for one output, else the top output's lead over 1/K. */
    private static double confidence(double[] outputs, int offset, int k) {
        if (k == 1) {
            return Math.min(1.0, Math.abs(2.0 * outputs[offset] - 1.0));
        }
        double top = outputs[offset + Backprop.classOf(outputs, offset, k)];
        return Math.max(0.0, Math.min(1.0, (top - 1.0 / k) / (1.0 - 1.0 / k)));
    }

    /** {@code color} mixed into white: a pale tint at strength 0, 60% of the colour at 1. */
    private static Color shade(Color color, double strength) {
        double t = 0.15 + 0.45 * Math.max(0.0, Math.min(1.0, strength));
        return new Color(mix(color.getRed(), t), mix(color.getGreen(), t), mix(color.getBlue(), t));
    }

    private static int mix(int channel, double t) {
        return (int) Math.round(255 + (channel - 255) * t);
    }
}
