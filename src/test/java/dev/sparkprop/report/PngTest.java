package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class PngTest {

    /** MNIST's 256 first-layer tiles, as the live page draws them each epoch. */
    private static BufferedImage mnistTiles() {
        return HiddenUnits.render(ReportFixtures.random("784-256:relu-10:softmax", 5));
    }

    @Test
    void theGreyPngHoldsEachPixelsLevelAsItsSample() {
        BufferedImage tiles = mnistTiles();
        int[] rgb = tiles.getRGB(0, 0, tiles.getWidth(), tiles.getHeight(), null, 0, tiles.getWidth());
        BufferedImage decoded = Images.decode(Png.encodeGrey(tiles));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.getType());
        byte[] samples = ((DataBufferByte) decoded.getRaster().getDataBuffer()).getData();
        byte[] expected = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            expected[i] = (byte) rgb[i]; // blue = green = red
        }
        assertArrayEquals(expected, samples);
        BufferedImage fromRgb = Images.decode(Png.encode(tiles));
        assertEquals(tiles.getWidth(), fromRgb.getWidth());
        assertEquals(tiles.getHeight(), fromRgb.getHeight());
    }

    @Test
    void aPixelThatIsNotGreyIsRefused() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x102030);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Png.encodeGrey(image));
        assertEquals("pixel (2, 1) is not grey: #102030", e.getMessage());
    }
}
