package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTilesTest {

    /** An 8 x 8 image, black but for one white pixel at (row, column). */
    private static RawExample dot(int n, int row, int column) {
        double[] pixels = new double[64];
        pixels[row * 8 + column] = 255;
        return new RawExample("dots.csv", n + 2, "0", pixels);
    }

    @Test
    void aHundredTrainingImagesMakeATenByTenGridEachAsItWasGiven() {
        Model model = ReportFixtures.random("64-5:sigmoid-10:softmax", 1);
        List<RawExample> sample = new ArrayList<>();
        for (int n = 0; n < 150; n++) {
            sample.add(dot(n, n % 8, (n / 8) % 8));
        }
        BufferedImage image = ImageTiles.trainingExamples(model, sample);
        HiddenUnits.Tile tile = HiddenUnits.Tile.of(64);
        int side = HiddenUnits.PAD + 10 * (tile.width() + HiddenUnits.PAD);
        assertEquals(side, image.getWidth(), "10 tiles across: only the first 100 are drawn");
        assertEquals(side, image.getHeight());
        for (int n : new int[] {0, 13, 99}) {
            int left = HiddenUnits.PAD + (n % 10) * (tile.width() + HiddenUnits.PAD);
            int top = HiddenUnits.PAD + (n / 10) * (tile.height() + HiddenUnits.PAD);
            int row = n % 8;
            int column = (n / 8) % 8;
            assertEquals(0xffffff, image.getRGB(left + column * tile.cellWidth(), top + row * tile.cellHeight())
                    & 0xffffff, "example " + n + "'s inked pixel is white");
            int otherColumn = (column + 1) % 8;
            assertEquals(0x000000, image.getRGB(left + otherColumn * tile.cellWidth(), top + row * tile.cellHeight())
                    & 0xffffff, "example " + n + "'s blank pixel is black");
        }
        assertNull(ImageTiles.trainingExamples(model, List.of()), "no rows, no picture");
    }

    @Test
    void anOutputLayerOnImagesIsDrawnAsOneTemplatePerClass() {
        NetworkSpec spec = NetworkSpec.parse("64-3:softmax");
        double[][] theta = new double[3][65];
        for (int k = 0; k < 3; k++) {
            theta[k][0] = 50; // the bias is not drawn
            theta[k][1 + 9 * k] = 2; // class k looks for pixel (k, k)
            theta[k][64] = -3; // and against the bottom-right one
        }
        Model model = Model.of(spec, spec.flatten(new double[][][] {theta}), Provenance.NONE);
        assertTrue(ImageTiles.hasClassTemplates(model));
        BufferedImage image = ImageTiles.classTemplates(model);
        HiddenUnits.Tile tile = HiddenUnits.Tile.of(64);
        for (int k = 0; k < 3; k++) {
            int left = HiddenUnits.PAD + (k % HiddenUnits.gridColumns(3, tile)) * (tile.width() + HiddenUnits.PAD);
            int top = HiddenUnits.PAD;
            assertEquals(0xffffff, image.getRGB(left + k * tile.cellWidth(), top + k * tile.cellHeight()) & 0xffffff,
                    "class " + k + "'s largest weight is white");
            assertEquals(0x000000, image.getRGB(left + 7 * tile.cellWidth(), top + 7 * tile.cellHeight()) & 0xffffff,
                    "class " + k + "'s most negative weight is black");
        }
    }

    @Test
    void onlySquareImagesOfEightByEightOrMoreApply() {
        assertTrue(ImageTiles.takesImages(ReportFixtures.random("784-25:sigmoid-10:sigmoid", 1)));
        assertFalse(ImageTiles.takesImages(ReportFixtures.random("16-4:sigmoid-2:softmax", 1)), "4 x 4 is no image");
        assertFalse(ImageTiles.takesImages(ReportFixtures.random("65-2:softmax", 1)), "65 is no square");
        assertTrue(ImageTiles.hasClassTemplates(ReportFixtures.random("784-10:softmax", 1)));
        assertFalse(ImageTiles.hasClassTemplates(ReportFixtures.random("784-25:sigmoid-10:sigmoid", 1)),
                "with a hidden layer the output weights are no images: hidden-units.png draws the first layer");
        assertThrows(IllegalArgumentException.class,
                () -> ImageTiles.classTemplates(ReportFixtures.random("784-25:sigmoid-10:sigmoid", 1)));
    }
}
