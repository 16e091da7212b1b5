package dev.sparkprop.report;

import dev.sparkprop.model.Model;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * What the first hidden layer learned, drawn as the course exercise's displayData does: each
 * hidden unit's incoming weights Θ^(1)_{i,1..s_1} (the bias left out) as one grey tile, black
 * at the tile's smallest weight and white at its largest, all tiles in one grid.
 *
 * <p>A tile is square when s_1 is a perfect square (28 x 28 for MNIST; weight j is pixel
 * (row j / side, column j % side), the row-major order of image rows), else a 1 x s_1 strip. Up
 * to {@link #MAX_TILES} units are drawn, in order.
 */
final class HiddenUnits {

    /** The most tiles one picture holds. */
    public static final int MAX_TILES = 1024;
    /** Pixels between tiles and around the grid. */
    static final int PAD = 2;
    /** The fewest pixels an input counts as an image with (8 x 8), for the pictures of examples and output weights. */
    static final int IMAGE_MIN_PIXELS = 64;
    private static final Color BACKGROUND = new Color(40, 40, 40);

    private HiddenUnits() {
    }

    /** The shape of one tile: rows x columns of weights, and the pixels one weight takes. */
    record Tile(int rows, int columns, int cellWidth, int cellHeight) {

        static Tile of(int inputs) {
            int side = (int) Math.round(Math.sqrt(inputs));
            if (side * side == inputs && inputs > 1) {
                int cell = Math.max(2, Math.min(24, 64 / side));
                return new Tile(side, side, cell, cell);
            }
            int cell = Math.max(1, Math.min(48, 192 / inputs));
            return new Tile(1, inputs, cell, Math.max(cell, 16));
        }

        int width() {
            return columns * cellWidth;
        }

        int height() {
            return rows * cellHeight;
        }
    }

    /** Whether the network has a hidden layer to draw. */
    public static boolean applies(NetworkSpec spec) {
        return spec.layerCount() >= 3;
    }

    /** The grid of tiles for the first hidden layer of {@code model}; it must have one ({@link #applies}). */
    public static BufferedImage render(Model model) {
        NetworkSpec spec = model.spec();
        if (!applies(spec)) {
            throw new IllegalArgumentException("network " + spec + " has no hidden layer to draw");
        }
        return renderRows(model.matrix(1), spec.inputSize());
    }

    /**
     * Rows of {@code inputs + 1} numbers, each drawn as one tile without its first number (a
     * bias, or nothing), in one grid: the first hidden layer's weights here, and elsewhere a
     * network's output weights ({@link #IMAGE_MIN_PIXELS}) or training images.
     */
    static BufferedImage renderRows(double[][] rows, int inputs) {
        int units = Math.min(rows.length, MAX_TILES);
        Tile tile = Tile.of(inputs);
        int columns = gridColumns(units, tile);
        int gridRows = (units + columns - 1) / columns;
        Png.headless();
        // No Graphics2D: every pixel is written below, in place (Png.pixels).
        BufferedImage image = new BufferedImage(PAD + columns * (tile.width() + PAD),
                PAD + gridRows * (tile.height() + PAD), BufferedImage.TYPE_INT_RGB);
        fill(image, BACKGROUND.getRGB());
        for (int u = 0; u < units; u++) {
            int left = PAD + (u % columns) * (tile.width() + PAD);
            int top = PAD + (u / columns) * (tile.height() + PAD);
            drawTile(image, rows[u], tile, left, top);
        }
        return image;
    }

    /** Whether {@code inputs} are the pixels of a square image: a perfect square of at least {@link #IMAGE_MIN_PIXELS}. */
    static boolean isImage(int inputs) {
        int side = (int) Math.round(Math.sqrt(inputs));
        return side * side == inputs && inputs >= IMAGE_MIN_PIXELS;
    }

    /**
     * Columns of the grid: displayData's floor(√m) rows for square tiles; for strips, as many as
     * keep the grid roughly square in pixels.
     */
    static int gridColumns(int units, Tile tile) {
        if (tile.rows() > 1) {
            int rows = Math.max(1, (int) Math.floor(Math.sqrt(units)));
            return (units + rows - 1) / rows;
        }
        double aspect = (double) tile.height() / tile.width();
        return (int) Math.max(1, Math.min(units, Math.round(Math.sqrt(units * aspect))));
    }

    /** One row (a unit's weights, bias in column 0 skipped), scaled to the tile's own min..max. */
    private static void drawTile(BufferedImage image, double[] row, Tile tile, int left, int top) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 1; j < row.length; j++) {
            min = Math.min(min, row[j]);
            max = Math.max(max, row[j]);
        }
        int[] pixels = Png.pixels(image);
        int width = image.getWidth();
        for (int j = 1; j < row.length; j++) {
            double level = max > min ? (row[j] - min) / (max - min) : 0.5;
            int grey = (int) Math.round(255 * level);
            int rgb = grey << 16 | grey << 8 | grey;
            int x = left + ((j - 1) % tile.columns()) * tile.cellWidth();
            int y = top + ((j - 1) / tile.columns()) * tile.cellHeight();
            for (int dy = 0; dy < tile.cellHeight(); dy++) {
                Arrays.fill(pixels, (y + dy) * width + x, (y + dy) * width + x + tile.cellWidth(), rgb);
            }
        }
    }

    private static void fill(BufferedImage image, int rgb) {
        Arrays.fill(Png.pixels(image), rgb & 0xFFFFFF);
    }
}
