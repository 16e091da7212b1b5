package dev.sparkprop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of a run, from its {@code metrics.jsonl}: the cost per epoch in one panel
 * and the accuracy (classification) or RMSE (regression) in a second, each with the training
 * and, when the run had a validation set, the validation series. L-BFGS runs log iterations
 * instead of epochs; their lines are plotted against the iteration.
 *
 * <p>The image is {@link #WIDTH} wide and {@link #PANEL_HEIGHT} tall per panel (one or two).
 */
final class LearningCurves {

    /** Width of the image in pixels. */
    public static final int WIDTH = 900;
    /** Height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 420;
    /** Beyond this many points the series are drawn as lines without markers. */
    private static final int MARKED_POINTS = 60;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private LearningCurves() {
    }

    /** One curve: the x and y of the lines that carry its key with a finite value. */
    private record Series(String name, List<Double> x, List<Double> y) {
        boolean isEmpty() {
            return x.isEmpty();
        }
    }

    /**
     * The curves drawn from {@code metricsLines} (one JSON object each), or null when no line
     * has a {@code train_cost}. A line that is not a JSON object is refused with its number.
     */
    public static BufferedImage render(List<String> metricsLines) {
        List<JsonNode> lines = parse(metricsLines);
        String xName = lines.stream().anyMatch(line -> line.has("epoch")) ? "epoch"
                : lines.stream().anyMatch(line -> line.has("iteration")) ? "iteration" : "line";
        // The training line is J, with λ's penalty when there is one; validation_cost is the data
        // cost alone (the penalty does not depend on the data), so the legend says which is which.
        Series trainCost = series(lines, xName, "train_cost", "train J");
        if (trainCost.isEmpty()) {
            return null;
        }
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(panel("Cost per " + xName, xName, "cost", true,
                trainCost, series(lines, xName, "validation_cost", "validation data cost")));
        Series accuracy = series(lines, xName, "train_accuracy", "train");
        Series rmse = series(lines, xName, "train_rmse", "train");
        if (!accuracy.isEmpty()) {
            panels.add(panel("Accuracy per " + xName, xName, "accuracy", false,
                    accuracy, series(lines, xName, "validation_accuracy", "validation")));
        } else if (!rmse.isEmpty()) {
            panels.add(panel("RMSE per " + xName, xName, "RMSE", false,
                    rmse, series(lines, xName, "validation_rmse", "validation")));
        }
        BufferedImage image = Png.canvas(WIDTH, PANEL_HEIGHT * panels.size());
        Graphics2D g = image.createGraphics();
        for (int p = 0; p < panels.size(); p++) {
            g.drawImage(panels.get(p), 0, p * PANEL_HEIGHT, null);
        }
        g.dispose();
        return image;
    }

    private static List<JsonNode> parse(List<String> metricsLines) {
        List<JsonNode> lines = new ArrayList<>();
        for (int i = 0; i < metricsLines.size(); i++) {
            String text = metricsLines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("metrics line " + (i + 1) + " is not a JSON object: " + text);
                }
                lines.add(node);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + " is not JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
        return lines;
    }

    /** The lines' finite values of {@code key} against {@code xName} (or the line's position). */
    private static Series series(List<JsonNode> lines, String xName, String key, String name) {
        Series series = new Series(name, new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            JsonNode y = line.get(key);
            double x = line.has(xName) ? line.get(xName).asDouble() : i + 1;
            if (y != null && y.isNumber() && Double.isFinite(y.asDouble())) {
                series.x().add(x);
                series.y().add(y.asDouble());
            }
        }
        return series;
    }

    private static BufferedImage panel(String title, String xName, String yName, boolean logWhenWide,
                                       Series train, Series validation) {
        Png.headless();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(xName).yAxisTitle(yName).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setYAxisDecimalPattern("0.####");
        add(chart, train, TRAIN);
        if (!validation.isEmpty()) {
            add(chart, validation, VALIDATION);
        }
        if (logWhenWide && spansDecades(train, validation)) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisDecimalPattern("0.###E0");
        }
        return Png.render(chart);
    }

    private static void add(XYChart chart, Series series, Color color) {
        XYSeries added = chart.addSeries(series.name(), series.x(), series.y());
        added.setLineColor(color);
        added.setMarkerColor(color);
        added.setLineStyle(new BasicStroke(2f));
        added.setMarker(series.x().size() <= MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /** Whether every value is positive and they span more than two decades: then a log axis shows the fall. */
    private static boolean spansDecades(Series... all) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0.0;
        for (Series series : all) {
            for (double y : series.y()) {
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        return min > 0 && max / min > 100;
    }
}
