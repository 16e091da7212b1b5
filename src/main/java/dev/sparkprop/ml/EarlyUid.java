package dev.sparkprop.ml;

/**
 * Hands a Spark ML uid to the superclass constructor. Spark's Scala traits create their Params
 * ({@code featuresCol}, {@code probabilityCol}, ...) while the superclass is being constructed,
 * and each Param reads {@code uid()} then, before a Java subclass has set any field. A public
 * constructor passes its uid through {@link #hold} to a private one, whose {@code uid()} falls back
 * on {@link #held()} until its own field is set, then calls {@link #release()}.
 */
final class EarlyUid {

    private static final ThreadLocal<String> HELD = new ThreadLocal<>();

    private EarlyUid() {
    }

    /** Keeps {@code uid} for this thread's constructor under way, and returns it. */
    static String hold(String uid) {
        HELD.set(uid);
        return uid;
    }

    /** The uid of the constructor under way on this thread. */
    static String held() {
        return HELD.get();
    }

    /** Forgets the held uid, once the constructor has set its field. */
    static void release() {
        HELD.remove();
    }
}
