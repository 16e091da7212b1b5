package dev.sparkprop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A jar of the compiled test (or bench) classes of one package, for the JVMs of the loopback
 * cluster, which see only Spark and the jars submitted to them: a listener for a driver started by
 * {@code spark-submit}, or the classes of closures an executor runs.
 */
public final class ClassesJar {

    private ClassesJar() {
    }

    /** Writes {@code jar} with every class file of {@code member}'s package (not its subpackages); returns it. */
    public static Path ofPackage(Class<?> member, Path jar) throws IOException {
        Path classes = Path.of(member.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path packageDirectory = classes.resolve(member.getPackageName().replace('.', '/'));
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(packageDirectory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
