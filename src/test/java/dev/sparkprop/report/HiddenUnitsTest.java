package dev.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.model.Model;
import dev.sparkprop.model.Provenance;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class HiddenUnitsTest {

    @Test
    void mnistSizedInputsGiveTwentyEightSquareTilesInAGrid() {
        Model model = ReportFixtures.random("784-25:sigmoid-10:sigmoid", 3);
        HiddenUnits.Tile tile = HiddenUnits.Tile.of(784);
        assertEquals(28, tile.rows());
        assertEquals(28, tile.columns());
        // displayData's grid: floor(sqrt(25)) = 5 rows of 5 tiles, padded.
        int side = HiddenUnits.PAD + 5 * (tile.width() + HiddenUnits.PAD);
        byte[] png = Png.encode(HiddenUnits.render(model));
        Images.assertPicture(png, side, side, 100);
    }

    @Test
    void eachTileRunsFromBlackAtItsSmallestWeightToWhiteAtItsLargest() {
        // 4 inputs: 2 x 2 tiles. Unit 1's weights (after its bias) are 1, 2, 3, 4 from the top left, row by row.
        NetworkSpec spec = NetworkSpec.parse("4-2:sigmoid-1:sigmoid");
        double[] theta = spec.flatten(new double[][][] {
                {{9, 1, 2, 3, 4}, {-9, 0.5, 0.5, 0.5, 0.5}},
                {{0, 1, 1}}});
        BufferedImage image = HiddenUnits.render(Model.of(spec, theta, Provenance.NONE));
        HiddenUnits.Tile tile = HiddenUnits.Tile.of(4);
        int left = HiddenUnits.PAD;
        int top = HiddenUnits.PAD;
        assertEquals(0x000000, image.getRGB(left, top) & 0xffffff, "weight 1 is the tile's minimum: black");
        assertEquals(0xffffff, image.getRGB(left + tile.cellWidth(), top + tile.cellHeight()) & 0xffffff,
                "weight 4 (row 2, column 2) is the maximum: white");
        int second = HiddenUnits.PAD + tile.width() + HiddenUnits.PAD;
        int grey = image.getRGB(second, top) & 0xff;
        assertTrue(grey > 100 && grey < 155, "a tile of equal weights is mid grey, got " + grey);
    }

    @Test
    void inputsThatAreNoSquareGiveStrips() {
        HiddenUnits.Tile tile = HiddenUnits.Tile.of(13);
        assertEquals(1, tile.rows());
        assertEquals(13, tile.columns());
        Model model = ReportFixtures.random("13-8:tanh-1:linear", 5);
        BufferedImage image = HiddenUnits.render(model);
        assertTrue(image.getWidth() > image.getHeight() / 4, image.getWidth() + " x " + image.getHeight());
        assertTrue(Images.distinctColors(image) > 10);
    }

    @Test
    void onlyNetworksWithAHiddenLayerApply() {
        assertFalse(HiddenUnits.applies(NetworkSpec.parse("2-1:sigmoid")));
        assertTrue(HiddenUnits.applies(NetworkSpec.parse("2-2:sigmoid-1:sigmoid")));
    }
}
