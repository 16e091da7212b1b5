package dev.sparkprop.train;

/** The version of this build, from the jar's manifest when packaged. */
public final class Versions {

    /** sparkprop's version, e.g. 0.1.0-SNAPSHOT; "dev" when run from classes. */
    public static final String SPARKPROP = versionOrDev();

    private Versions() {
    }

    private static String versionOrDev() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
