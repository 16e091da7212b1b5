package dev.sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ThetaTextTest {

    private static final String XOR = """
            # The notes' XOR network: a1 = OR, a2 = NAND, h = AND(a1, a2)
            # network: 2-2:sigmoid-1:sigmoid
            -10  20  20
             30 -20 -20

            -30  20  20
            """;

    @Test
    void theNotesXorNetworkPredictsItsTruthTable() throws IOException {
        Model xor = ThetaText.read(new StringReader(XOR), "xor.theta", null);
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], xor.predict(inputs[i])[0] >= 0.5 ? 1 : 0);
        }
        assertEquals(30, xor.weight(1, 2, 0));
        assertEquals(LabelIndex.numbered(2), xor.labels());
        assertEquals(java.util.Map.of("imported-from", "xor.theta"), xor.provenance().notes());
    }

    @Test
    void writeThenReadIsExact() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("4-3:tanh-2:relu-3:softmax");
        Model model = Model.of(spec, Initialization.parse("he").initialize(spec, 8), Provenance.NONE);
        StringWriter text = new StringWriter();
        ThetaText.write(model, text);
        Model back = ThetaText.read(new StringReader(text.toString()), "t", null);
        assertArrayEquals(model.theta(), back.theta(), 0.0);
        assertEquals(spec, back.spec());
    }

    /** maxout:2 writes K rows per unit and says so; a slope and a piece count survive the round trip. */
    @Test
    void theNewUnitsRoundTripWithMaxoutsRowsNamed() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("3-4:maxout:2-3:leaky-relu:0.2-2:abs-2:softmax");
        Model model = Model.of(spec, Initialization.parse("he").initialize(spec, 4), Provenance.NONE);
        StringWriter text = new StringWriter();
        ThetaText.write(model, text);
        org.junit.jupiter.api.Assertions.assertTrue(text.toString().contains(
                "# Theta(1): 8 x 4, bias first; 2 rows (pieces) per unit of layer 2\n"), text.toString());
        Model back = ThetaText.read(new StringReader(text.toString()), "t", null);
        assertArrayEquals(model.theta(), back.theta(), 0.0);
        assertEquals(spec, back.spec());
        assertEquals("x.theta: Θ^(1) must be 4 x 3; got 2 rows", assertThrows(IllegalArgumentException.class,
                () -> ThetaText.read(new StringReader("# network: 2-2:maxout:2-1:sigmoid\n1 2 3\n4 5 6\n\n1 2 3\n"),
                        "x.theta", null)).getMessage());
    }

    @Test
    void aBatchNormalizedNetworkWritesOneBlockPerNormalizedLayerAndReadsBackExactly() throws IOException {
        NetworkSpec spec = NetworkSpec.parse("3-4:relu:bn-2:tanh-2:bn-2:softmax");
        double[] theta = Initialization.parse("he").initialize(spec, 8);
        theta[spec.runningVarianceOffset(4) + 1] = 0.1 + Math.PI;
        StringWriter text = new StringWriter();
        ThetaText.write(Model.of(spec, theta, Provenance.NONE), text);
        assertTrue(text.toString().contains("\n# BatchNorm(2): 4 x 4, gamma beta mean variance\n1.0 0.0 0.0 1.0\n"),
                text.toString());
        assertTrue(text.toString().contains("\n# BatchNorm(4): 2 x 4, gamma beta mean variance\n1.0 0.0 0.0 1.0\n"
                + "1.0 0.0 0.0 " + (0.1 + Math.PI) + "\n"), text.toString());
        Model back = ThetaText.read(new StringReader(text.toString()), "t", null);
        assertEquals(spec, back.spec());
        assertArrayEquals(theta, back.theta(), 0.0);
        String withoutLastBlock = text.toString().substring(0, text.toString().indexOf("\n# BatchNorm(4)"));
        assertEquals("t: 5 matrices; network 3-4:relu:bn-2:tanh-2:sigmoid:bn-2:softmax needs 4 and 2"
                + " batch-normalization blocks", assertThrows(IllegalArgumentException.class,
                        () -> ThetaText.read(new StringReader(withoutLastBlock), "t", null)).getMessage());
    }

    @Test
    void shapeAndNumberErrorsNameTheLine() {
        assertEquals("x.theta:3: 'abc' is not a number", assertThrows(IllegalArgumentException.class,
                () -> ThetaText.read(new StringReader("# network: 2-1:sigmoid\n\n1 abc 2\n"), "x.theta", null))
                .getMessage());
        assertEquals("x.theta: Θ^(1) must be 1 x 3; row 1 has 2 values", assertThrows(IllegalArgumentException.class,
                () -> ThetaText.read(new StringReader("# network: 2-1:sigmoid\n1 2\n"), "x.theta", null)).getMessage());
        assertEquals("x.theta: 1 matrices; network 2-2:sigmoid-1:sigmoid needs 2",
                assertThrows(IllegalArgumentException.class, () -> ThetaText.read(new StringReader("1 2 3\n4 5 6\n"),
                        "x.theta", NetworkSpec.parse("2-2-1"))).getMessage());
        assertEquals("x.theta: no '# network: SPEC' line and no network given",
                assertThrows(IllegalArgumentException.class,
                        () -> ThetaText.read(new StringReader("1 2 3\n"), "x.theta", null)).getMessage());
    }
}
