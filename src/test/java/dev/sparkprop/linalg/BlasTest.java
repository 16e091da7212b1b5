package dev.sparkprop.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlasTest {

    @Test
    void multipliesColumnMajorMatricesWithOffsetsAndTransposes() {
        // A = [1 2; 3 4] (column-major {1, 3, 2, 4}) after one padding value; B = [5 6; 7 8].
        double[] a = {99, 1, 3, 2, 4};
        double[] b = {5, 7, 6, 8};
        double[] c = new double[4];
        Blas.gemm(false, false, 2, 2, 2, 1.0, a, 1, 2, b, 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {19, 43, 22, 50}, c);
        // Aᵀ B, accumulated into C with beta = 1.
        Blas.gemm(true, false, 2, 2, 2, 1.0, a, 1, 2, b, 0, 2, 1.0, c, 0, 2);
        assertArrayEquals(new double[] {19 + 26, 43 + 38, 22 + 30, 50 + 44}, c);
        float[] cf = new float[4];
        Blas.gemm(false, true, 2, 2, 2, 1f, new float[] {1, 3, 2, 4}, 0, 2, new float[] {5, 7, 6, 8}, 0, 2, 0f, cf, 0, 2);
        assertArrayEquals(new float[] {17, 39, 23, 53}, cf);
    }

    @Test
    void refusesShapesThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 2, 2, 2, 1.0, new double[3], 0, 2, new double[4], 0, 2, 0.0,
                        new double[4], 0, 2));
        assertEquals("matrix A: 2 x 2 at offset 0 with leading dimension 2 needs 4 elements, the array has 3",
                e.getMessage());
    }

    @Test
    void describesTheImplementation() {
        assertTrue(Blas.describe().startsWith(Blas.implementation()));
        assertTrue(Blas.describe().contains(Blas.isNative() ? " on " + Blas.library() + " (/" : "pure-Java BLAS"),
                Blas.describe());
    }
}
