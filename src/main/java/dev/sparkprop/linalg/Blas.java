package dev.sparkprop.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The one door to BLAS in sparkprop: general matrix products on column-major {@code double[]}
 * and {@code float[]} arrays, with their shapes checked before the call.
 *
 * <p>Backed by {@code dev.ludovic.netlib}, the facade Spark itself uses. It loads native BLAS
 * through JNI when the machine has {@code libblas.so.3} (OpenBLAS from Debian's
 * {@code libopenblas0-pthread}) and falls back to a pure-Java BLAS otherwise, about five times
 * slower on this workload. {@link #describe()} says which one this JVM got.
 *
 * <p>Every matrix is column-major: element (i, j) of an {@code rows x cols} matrix stored at
 * {@code offset} with leading dimension {@code ld} is {@code a[offset + j * ld + i]}.
 */
public final class Blas {

    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private Blas() {
    }

    /** The class name of the BLAS implementation in use, e.g. {@code JNIBLAS} or {@code Java11BLAS}. */
    public static String implementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    /** Whether the products run in native code (JNI), not in the Java fallback. */
    public static boolean isNative() {
        return implementation().startsWith("JNI");
    }

    /**
     * One line for logs: the implementation, and a hint when native BLAS is missing.
     */
    public static String describe() {
        if (isNative()) {
            return implementation() + " (native BLAS; keep OPENBLAS_NUM_THREADS=1 with one task per core)";
        }
        return implementation() + " (pure-Java BLAS: install libopenblas0-pthread, which provides"
                + " libblas.so.3, for about 5x faster training)";
    }

    /**
     * {@code C := alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
     *
     * <p>Shapes: op(A) is {@code m x k}, op(B) is {@code k x n}, C is {@code m x n}; A, B and C
     * start at their offsets with leading dimensions {@code lda}, {@code ldb}, {@code ldc}.
     * Mutates C only.
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                            double alpha, double[] a, int aOffset, int lda,
                            double[] b, int bOffset, int ldb,
                            double beta, double[] c, int cOffset, int ldc) {
        if (checkGemm(transposeA, transposeB, m, n, k, a.length, aOffset, lda, b.length, bOffset, ldb, c.length,
                cOffset, ldc)) {
            BLAS_INSTANCE.dgemm(transposeA ? "T" : "N", transposeB ? "T" : "N", m, n, k,
                    alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /**
     * The single-precision twin of {@link #gemm(boolean, boolean, int, int, int, double, double[], int, int,
     * double[], int, int, double, double[], int, int)} (SGEMM): α and β are given in double, as the
     * kernel's one source writes them, and rounded to float (the kernels pass 0 and 1, exact).
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                            double alpha, float[] a, int aOffset, int lda,
                            float[] b, int bOffset, int ldb,
                            double beta, float[] c, int cOffset, int ldc) {
        if (checkGemm(transposeA, transposeB, m, n, k, a.length, aOffset, lda, b.length, bOffset, ldb, c.length,
                cOffset, ldc)) {
            BLAS_INSTANCE.sgemm(transposeA ? "T" : "N", transposeB ? "T" : "N", m, n, k,
                    (float) alpha, a, aOffset, lda, b, bOffset, ldb, (float) beta, c, cOffset, ldc);
        }
    }

    /**
     * Checks the three matrices of a GEMM of either precision (each: array length, offset, leading
     * dimension); true when C is not empty, so there is work to do. Plain ints, not an array, so
     * the hot path allocates nothing.
     */
    private static boolean checkGemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                                     int aLength, int aOffset, int lda, int bLength, int bOffset, int ldb,
                                     int cLength, int cOffset, int ldc) {
        checkShape("A", aLength, aOffset, lda, transposeA ? k : m, transposeA ? m : k);
        checkShape("B", bLength, bOffset, ldb, transposeB ? n : k, transposeB ? k : n);
        checkShape("C", cLength, cOffset, ldc, m, n);
        return m != 0 && n != 0;
    }

    /** Checks that a {@code rows x cols} matrix at {@code offset} with leading dimension {@code ld} fits. */
    private static void checkShape(String name, int length, int offset, int ld, int rows, int cols) {
        if (rows < 0 || cols < 0 || offset < 0 || ld < Math.max(1, rows)) {
            throw new IllegalArgumentException(String.format(
                    "matrix %s: %d x %d at offset %d with leading dimension %d is not a valid shape",
                    name, rows, cols, offset, ld));
        }
        long end = cols == 0 ? offset : (long) offset + (long) (cols - 1) * ld + rows;
        if (end > length) {
            throw new IllegalArgumentException(String.format(
                    "matrix %s: %d x %d at offset %d with leading dimension %d needs %d elements,"
                            + " the array has %d", name, rows, cols, offset, ld, end, length));
        }
    }
}
