package dev.sparkprop.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The one door to java.awt for the report: switches AWT to headless mode before anything draws
 * (a driver on a cluster node has no display), renders charts to images and encodes PNGs.
 */
final class Png {

    private Png() {
    }

    /**
     * Makes AWT headless unless the JVM was told otherwise. Every drawing entry point calls this
     * first: the property is read once, when AWT's graphics environment starts.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The chart drawn at its own size. */
    static BufferedImage render(Chart<?, ?> chart) {
        headless();
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** A white RGB canvas, antialiased, for composing charts and tiles. */
    static BufferedImage canvas(int width, int height) {
        headless();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Antialiasing on, for text and shapes drawn by hand. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    /** The image as PNG bytes. */
    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
