package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** What the report tests ask of a picture: it decodes as a PNG of the expected size and is not blank. */
final class Images {

    private Images() {
    }

    /** The PNG decoded, after checking its signature. */
    static BufferedImage decode(byte[] png) {
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "ImageIO cannot decode it");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes {@code png} and checks its size and that it holds more than {@code minColors} colours. */
    static BufferedImage assertPicture(byte[] png, int width, int height, int minColors) {
        BufferedImage image = decode(png);
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        int colors = distinctColors(image);
        assertTrue(colors > minColors, "only " + colors + " distinct colours: a blank picture");
        return image;
    }

    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colors.size();
    }
}
