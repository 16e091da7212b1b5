package dev.sparkprop.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The one door to BLAS in sparkprop: general matrix products on column-major {@code double[]}
 * and {@code float[]} arrays, with their shapes checked before the call.
 *
 * <p>Backed by {@code dev.ludovic.netlib}, the facade Spark itself uses, whose {@code JNIBLAS}
 * calls a native BLAS. {@link BlasLibrary} points it, once per JVM, at the library the system
 * property {@code sparkprop.blas} chooses: by default the OpenBLAS bundled in the
 * {@code org.bytedeco:openblas} jar, so a machine with nothing installed but Java runs native
 * products; the system's {@code libblas.so.3} or netlib's pure-Java BLAS (about five times slower
 * on this workload) on request. {@link #describe()} says which one this JVM got.
 *
 * <p>Every matrix is column-major: element (i, j) of an {@code rows x cols} matrix stored at
 * {@code offset} with leading dimension {@code ld} is {@code a[offset + j * ld + i]}.
 */
public final class Blas {

    private Blas() {
    }

    /** The library, loaded when the first product or question needs it. */
    private static final class Loaded {
        static final BlasLibrary LIBRARY = BlasLibrary.load();
    }

    /** The netlib instance; a library setting that could not be honoured fails here, in one line. */
    private static BLAS blas() {
        BlasLibrary library = Loaded.LIBRARY;
        if (library.problem() != null) {
            throw new IllegalStateException(library.problem());
        }
        return library.blas();
    }

    /** The class name of the BLAS implementation in use, e.g. {@code JNIBLAS} or {@code Java11BLAS}. */
    public static String implementation() {
        return blas().getClass().getSimpleName();
    }

    /**
     * The library in a few words, e.g. {@code bundled OpenBLAS 0.3.31}, {@code system libblas.so.3}
     * or {@code Java11BLAS}: what a driver compares with its executors'.
     */
    public static String library() {
        blas();
        return Loaded.LIBRARY.name();
    }

    /** Whether the products run in native code (JNI), not in the Java fallback. */
    public static boolean isNative() {
        return BlasLibrary.isNative(blas());
    }

    /**
     * One line for logs: the implementation, the library and its file, and a hint when native BLAS
     * is missing.
     */
    public static String describe() {
        String library = library();
        if (isNative()) {
            return implementation() + " on " + library + " (" + Loaded.LIBRARY.path()
                    + "; keep OPENBLAS_NUM_THREADS=1 with one task per core)";
        }
        return implementation() + " (pure-Java BLAS, about 5x slower than native: the bundled OpenBLAS"
                + " covers Linux x86-64 unless -Dsparkprop.blas=java; elsewhere install OpenBLAS as libblas.so.3)";
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
            blas().dgemm(transposeA ? "T" : "N", transposeB ? "T" : "N", m, n, k,
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
            blas().sgemm(transposeA ? "T" : "N", transposeB ? "T" : "N", m, n, k,
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
