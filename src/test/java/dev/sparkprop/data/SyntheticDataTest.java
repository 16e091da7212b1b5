package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkprop.data.SyntheticData.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    private static String csv(Table table) throws IOException {
        StringWriter out = new StringWriter();
        table.writeCsv(out);
        return out.toString();
    }

    @Test
    void parityIsEveryRowOfTheTruthTableOnceLabelledByTheXorOfItsBits() {
        Table table = SyntheticData.parity(8);
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"), table.features());
        assertEquals(256, table.rows().size());
        Set<String> seen = new HashSet<>();
        int ones = 0;
        for (double[] row : table.rows()) {
            assertEquals(9, row.length);
            int xor = 0;
            StringBuilder bits = new StringBuilder();
            for (int i = 1; i < row.length; i++) {
                assertTrue(row[i] == 0 || row[i] == 1, "a bit is 0 or 1: " + row[i]);
                xor ^= (int) row[i];
                bits.append((int) row[i]);
            }
            assertEquals(xor, row[0], bits.toString());
            assertTrue(seen.add(bits.toString()), "row " + bits + " twice");
            ones += (int) row[0];
        }
        assertEquals(128, ones, "half the rows of a parity table are odd");
    }

    @Test
    void parityCsvStartsWithTheHeaderAndCountsInBinary() throws IOException {
        List<String> lines = csv(SyntheticData.parity(3)).lines().toList();
        assertEquals(List.of("label,x1,x2,x3", "0,0,0,0", "1,0,0,1", "1,0,1,0", "0,0,1,1", "1,1,0,0", "0,1,0,1",
                "0,1,1,0", "1,1,1,1"), lines);
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws IOException {
        for (String kind : List.of("circle", "polygon", "ring", "sine")) {
            assertEquals(csv(make(kind, 1)), csv(make(kind, 1)), kind);
            assertNotEquals(csv(make(kind, 1)), csv(make(kind, 2)), kind);
        }
    }

    private static Table make(String kind, long seed) {
        return switch (kind) {
            case "circle" -> SyntheticData.circle(300, seed);
            case "polygon" -> SyntheticData.polygon(300, seed);
            case "ring" -> SyntheticData.ring(300, seed);
            default -> SyntheticData.sine(300, 0.1, seed);
        };
    }

    @Test
    void planePointsLieInTheSquareAndTheirLabelsFollowTheShape() {
        Table circle = SyntheticData.circle(2000, 7);
        Table ring = SyntheticData.ring(2000, 7);
        assertEquals(List.of("x1", "x2"), circle.features());
        int inside = 0;
        for (int n = 0; n < 2000; n++) {
            double[] point = circle.rows().get(n);
            assertEquals(3, point.length);
            assertTrue(Math.abs(point[1]) <= 1 && Math.abs(point[2]) <= 1);
            double r = Math.hypot(point[1], point[2]);
            assertEquals(r <= SyntheticData.CIRCLE_RADIUS ? 1.0 : 0.0, point[0], "circle at r = " + r);
            assertEquals(point[1], ring.rows().get(n)[1], "the same seed draws the same points for every shape");
            double ringLabel = r >= SyntheticData.RING_INNER && r <= SyntheticData.RING_OUTER ? 1 : 0;
            assertEquals(ringLabel, ring.rows().get(n)[0], "ring at r = " + r);
            inside += (int) point[0];
        }
        // The circle covers π 0.6² / 4 = 28% of the square.
        assertTrue(inside > 0.24 * 2000 && inside < 0.33 * 2000, inside + " of 2000 inside the circle");
    }

    @Test
    void thePentagonHoldsItsCentreAndCornersButNotTheSpaceBetweenItsCorners() {
        double r = SyntheticData.POLYGON_RADIUS;
        assertTrue(SyntheticData.insidePentagon(0, 0));
        assertTrue(SyntheticData.insidePentagon(0, 0.99 * r), "just below the top corner");
        assertFalse(SyntheticData.insidePentagon(0, 1.01 * r), "just above the top corner");
        // The bottom edge lies at y = -r cos(36°) = -0.809 r: the circumcircle's bottom point is outside.
        assertTrue(SyntheticData.insidePentagon(0, -0.8 * r));
        assertFalse(SyntheticData.insidePentagon(0, -0.82 * r));
        assertFalse(SyntheticData.insidePentagon(0, -0.99 * r));
    }

    @Test
    void sineTargetsAreSinOfXPlusNoiseOfTheAskedSize() {
        Table exact = SyntheticData.sine(500, 0, 3);
        Table noisy = SyntheticData.sine(500, 0.1, 3);
        assertEquals(List.of("x"), exact.features());
        double squares = 0;
        double previous = -Math.PI;
        for (int n = 0; n < 500; n++) {
            double[] row = exact.rows().get(n);
            assertTrue(row[1] >= previous && row[1] <= Math.PI, "x sorted in [-π, π]: " + row[1]);
            previous = row[1];
            assertEquals(Math.sin(row[1]), row[0], 0.0);
            double[] noisyRow = noisy.rows().get(n);
            double residual = noisyRow[0] - Math.sin(noisyRow[1]);
            squares += residual * residual;
        }
        double sd = Math.sqrt(squares / 500);
        assertTrue(sd > 0.085 && sd < 0.115, "noise sd " + sd);
    }

    @Test
    void badSizesAreRefusedNamingTheOptionAndValue() {
        assertEquals("--bits 0: choose 1..16",
                assertThrows(IllegalArgumentException.class, () -> SyntheticData.parity(0)).getMessage());
        assertEquals("--bits 17: choose 1..16",
                assertThrows(IllegalArgumentException.class, () -> SyntheticData.parity(17)).getMessage());
        assertEquals("--rows 0: choose 1..1000000",
                assertThrows(IllegalArgumentException.class, () -> SyntheticData.ring(0, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyntheticData.sine(10, -1, 1)).getMessage()
                .startsWith("--noise -1.0: "));
    }
}
