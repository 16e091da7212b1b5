package dev.sparkprop.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Which BLAS library {@link Blas} runs on, chosen once per JVM before netlib's first product.
 *
 * <p>netlib stays the one door: its {@code JNIBLAS} opens, with {@code dlopen}, the file named by
 * the system property {@code dev.ludovic.netlib.blas.nativeLibPath} or else the library named by
 * {@code dev.ludovic.netlib.blas.nativeLib} (default {@code libblas.so.3}), and falls back to its
 * Java BLAS when that fails. This class only decides which file it opens. The system property
 * {@value #CHOICE} picks:
 * <ul>
 *   <li>{@code auto} (the default): the bundled OpenBLAS where this platform has it, else the system's
 *       {@code libblas.so.3}, else the Java BLAS;</li>
 *   <li>{@code bundled}: OpenBLAS 0.3.31 from the {@code org.bytedeco:openblas} jar on the classpath
 *       (JavaCPP's {@code Loader} extracts it, with its libgfortran, to {@code ~/.javacpp/cache});</li>
 *   <li>{@code system}: the system's {@code libblas.so.3} (or the library netlib's own properties name);</li>
 *   <li>{@code java}: netlib's Java BLAS ({@code VectorBLAS} when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}, {@code Java11BLAS} otherwise).</li>
 * </ul>
 *
 * <p>Why the bundled library comes first: on this project's machines (AMD EPYC, family 26) it
 * runs one-core DGEMM exactly as fast as Debian's OpenBLAS 0.3.21 with the same kernel, to the
 * same bits, and OpenBLAS 0.3.21 falls back to its SSE3 kernels on Intel CPUs newer than it,
 * where 0.3.31 knows them; so the system library is never the faster of two OpenBLAS builds,
 * and the bundled one needs nothing installed. A faster system BLAS of another kind (MKL, BLIS)
 * is chosen with {@code -Dsparkprop.blas=system}.
 *
 * <p>Both OpenBLAS builds read {@code OPENBLAS_NUM_THREADS} and {@code OPENBLAS_CORETYPE} from the
 * environment as they load: one thread per Spark task still comes from
 * {@code OPENBLAS_NUM_THREADS=1}.
 *
 * @param blas the netlib instance the products go through, or null when {@code problem} is set
 * @param name the library in a few words, e.g. {@code bundled OpenBLAS 0.3.31}
 * @param path the native file netlib opened, or null for a Java BLAS
 * @param problem one line saying why the chosen library could not be loaded, or null
 */
record BlasLibrary(BLAS blas, String name, String path, String problem) {

    /** The system property that chooses the library. */
    static final String CHOICE = "sparkprop.blas";
    static final String NETLIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    static final String NETLIB_NAME = "dev.ludovic.netlib.blas.nativeLib";
    private static final String SYSTEM_DEFAULT = "libblas.so.3";
    private static final String BUNDLED_POM = "/META-INF/maven/org.bytedeco/openblas/pom.properties";

    /** Loads the library {@value #CHOICE} names; never throws: a failure is a {@code problem}. */
    static BlasLibrary load() {
        String choice = System.getProperty(CHOICE, "auto").strip();
        String earlier = libraryMappedBefore();
        if (earlier != null) {
            BLAS blas = BLAS.getInstance();
            return new BlasLibrary(blas, isNative(blas) ? "netlib's own " + Path.of(earlier).getFileName()
                    + " (loaded before sparkprop could choose)" : blas.getClass().getSimpleName(),
                    earlier.isEmpty() ? null : earlier, null);
        }
        switch (choice) {
            case "auto":
                return netlibNamesItsOwn() ? system(false) : bundled(false);
            case "bundled":
                return bundled(true);
            case "system":
                return system(true);
            case "java":
                return java();
            default:
                return failed("system property " + CHOICE + " is '" + choice
                        + "'; choose auto, bundled, system or java");
        }
    }

    /**
     * When something in this JVM (Spark MLlib, say) made netlib load its JNI library before sparkprop
     * chose, netlib's choice stands: the BLAS file this process has mapped, or "" for none. Null when
     * netlib is not loaded yet, or on a system without {@code /proc/self/maps}.
     */
    private static String libraryMappedBefore() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            var paths = lines.map(line -> line.substring(line.lastIndexOf(' ') + 1)).distinct().toList();
            if (paths.stream().noneMatch(file -> file.contains("netlibblasjni"))) {
                return null;
            }
            return paths.stream().filter(file -> file.contains("blas") && file.contains(".so") && !file.contains("jni"))
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the user named netlib's library with netlib's own properties, which then win over auto. */
    private static boolean netlibNamesItsOwn() {
        return System.getProperty(NETLIB_PATH) != null || System.getProperty(NETLIB_NAME) != null;
    }

    /** The bundled OpenBLAS; when it is missing, a problem if it was asked for, else the system's. */
    private static BlasLibrary bundled(boolean required) {
        String path;
        try {
            Loader.load(openblas_nolapack.class);
            path = Loader.getLoadedLibraries().get("openblas_nolapack@.0");
        } catch (LinkageError | RuntimeException e) {
            if (!required) {
                return system(false);
            }
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return failed(CHOICE + "=bundled: the bundled OpenBLAS (org.bytedeco:openblas) could not load on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + reason
                    + "); choose auto, system or java");
        }
        System.setProperty(NETLIB_PATH, path);
        BLAS blas = BLAS.getInstance();
        if (!isNative(blas)) {
            return required ? failed(CHOICE + "=bundled: netlib could not open " + path + "; choose auto, system or java")
                    : java();
        }
        return new BlasLibrary(blas, "bundled OpenBLAS " + bundledVersion(), path, null);
    }

    /** The system's library, as netlib's properties name it; its absence is a problem only if asked for. */
    private static BlasLibrary system(boolean required) {
        String named = System.getProperty(NETLIB_PATH, System.getProperty(NETLIB_NAME, SYSTEM_DEFAULT));
        BLAS blas = BLAS.getInstance();
        if (isNative(blas)) {
            return new BlasLibrary(blas, "system " + named, resolve(named), null);
        }
        if (required) {
            return failed(CHOICE + "=system: netlib could not open " + named + " (install libopenblas0-pthread,"
                    + " or name the library with -D" + NETLIB_NAME + "=FILE); choose auto, bundled or java");
        }
        return java();
    }

    private static BlasLibrary java() {
        BLAS blas = JavaBLAS.getInstance();
        return new BlasLibrary(blas, blas.getClass().getSimpleName(), null, null);
    }

    private static BlasLibrary failed(String problem) {
        return new BlasLibrary(null, "none", null, problem);
    }

    static boolean isNative(BLAS blas) {
        return blas.getClass().getSimpleName().startsWith("JNI");
    }

    /** The file behind a library name: itself when it is a path, the system's copy under /usr/lib otherwise. */
    private static String resolve(String named) {
        if (named.contains("/")) {
            return named;
        }
        for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
            "/usr/lib"}) {
            Path file = Path.of(dir, named);
            if (Files.exists(file)) {
                try {
                    return file.toRealPath().toString();
                } catch (IOException e) {
                    return file.toString();
                }
            }
        }
        return named;
    }

    /** The OpenBLAS version of the bundled jar, from its Maven metadata ({@code 0.3.31-1.5.13} gives 0.3.31). */
    private static String bundledVersion() {
        try (InputStream in = openblas_nolapack.class.getResourceAsStream(BUNDLED_POM)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties pom = new Properties();
            pom.load(in);
            String version = pom.getProperty("version", "");
            int dash = version.indexOf('-');
            return dash < 0 ? version : version.substring(0, dash);
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
