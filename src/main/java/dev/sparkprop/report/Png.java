package dev.sparkprop.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
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

    /** The image as PNG bytes, deflated at ImageIO's default level (4): for the files a run leaves. */
    static byte[] encode(BufferedImage image) {
        return encode(image, -1);
    }

    /**
     * A picture drawn into a {@link #pixels} image whose every pixel is a grey (R = G = B, as
     * {@link HiddenUnits} draws them), as an 8-bit grey PNG deflated at level 1: the same picture
     * with a third of the samples, encoded in about half the time of {@link #encode}'s RGB at level
     * 4 (MNIST's 256 first-layer tiles, 930 x 930 pixels: 25-30 ms against 50-90 ms). For the live
     * page, which draws the tiles on the driver once an epoch while the executors train and sends
     * them over loopback: there time counts, not bytes. A pixel that is not grey is refused.
     */
    static byte[] encodeGrey(BufferedImage image) {
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        int[] rgb = pixels(image);
        // The samples go in through the raster: setRGB would convert sRGB into the grey image's linear space.
        byte[] samples = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            int level = rgb[i] & 0xFF;
            if ((rgb[i] & 0xFFFFFF) != (level << 16 | level << 8 | level)) {
                throw new IllegalArgumentException("pixel (" + i % image.getWidth() + ", " + i / image.getWidth()
                        + ") is not grey: #" + String.format("%06x", rgb[i] & 0xFFFFFF));
            }
            samples[i] = (byte) level;
        }
        return encode(grey, 1);
    }

    /**
     * A {@code TYPE_INT_RGB} image's own pixels, 0xRRGGBB row by row, to be written or read in
     * place: a {@code setRGB} or {@code getRGB} per pixel converts each through the color model
     * (for MNIST's 256 tiles, 50-400 ms to draw them, time the live page took from the training
     * tasks once an epoch).
     */
    static int[] pixels(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("an image of type " + image.getType() + ", not TYPE_INT_RGB");
        }
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** The image as PNG bytes deflated at {@code level} (0 stores .. 9 smallest; -1 ImageIO's default, 4). */
    private static byte[] encode(BufferedImage image, int level) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (level >= 0) {
                // The JDK's PNG writer deflates at level 9 - round(9 x quality).
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality((9 - level) / 9f);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
