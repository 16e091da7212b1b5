package dev.sparkprop.model;

import dev.sparkprop.nn.NetworkSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sparkprop model file, format version 1: a readable header, a binary block, a checksum.
 *
 * <pre>
 *   sparkprop-model 1                      magic and format version
 *   network=784-256:relu-10:softmax        the spec text
 *   labels=0,1,2,...                       class names, comma-separated; absent for regression
 *   scaling=divide                         none | divide | min_max | standardize
 *   parameters=203530                      the length of θ
 *   features=784                           the length of each scaling vector
 *   extras=NAME:LENGTH,...                 optional named arrays after the scaling (checkpoints)
 *   info.KEY=VALUE                         how the model was made: {@link Provenance#entries()}
 *   info.checkpoint.KEY=VALUE              a checkpoint's position in training (checkpoints only)
 *   binary                                 last header line
 *   [θ: parameters doubles][scaling offset: features doubles][scaling factor: features doubles][extras]
 *                                          IEEE 754, little-endian
 *   \nsha256=HEX\n                         a newline, then the SHA-256 of every byte before that newline
 * </pre>
 *
 * Header values escape {@code %}, newlines and commas as {@code %25}, {@code %0A}, {@code %0D},
 * {@code %2C}, so a value can never break a line and everything else reads as written. θ follows
 * {@link NetworkSpec}'s layout (Θ^(l) column-major, bias column first). A file whose checksum,
 * magic, version or sizes do not match is refused with a one-line reason.
 */
public final class ModelFile {

    /** The format this code writes, and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    /** The prefix, after {@code info.}, of a checkpoint's header lines. */
    static final String CHECKPOINT_PREFIX = "checkpoint.";

    private static final String MAGIC = "sparkprop-model";
    private static final String CHECKSUM_PREFIX = "sha256=";
    private static final String INFO_PREFIX = "info.";

    private ModelFile() {
    }

    /**
     * What one file holds: a model and, for a checkpoint, where training stood and the optimizer's
     * state. A plain model file has both maps empty.
     *
     * @param model the model
     * @param checkpoint the training position, key → value, written as {@code info.checkpoint.KEY}
     *     lines (the keys as the old format wrote them, so checkpoints read both ways)
     * @param extras named arrays (the optimizer's state), in order, after the scaling in the binary block
     */
    public record Contents(Model model, Map<String, String> checkpoint, Map<String, double[]> extras) {

        /** Copies the maps, keeping their order. */
        public Contents {
            checkpoint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkpoint));
            extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        }
    }

    /** Writes {@code model} to {@code out} (not closed). */
    public static void write(Model model, OutputStream out) throws IOException {
        write(new Contents(model, Map.of(), Map.of()), out);
    }

    /**
     * Writes a model with its checkpoint position and extra arrays; the extras are listed in the
     * header as {@code extras=NAME:LENGTH,...}.
     */
    public static void write(Contents contents, OutputStream out) throws IOException {
        Model model = contents.model();
        Map<String, double[]> extras = contents.extras();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder header = new StringBuilder();
        header.append(MAGIC).append(' ').append(FORMAT_VERSION).append('\n');
        line(header, "network", model.spec().toString());
        if (model.labels() != null) {
            List<String> names = new ArrayList<>();
            model.labels().names().forEach(name -> names.add(encode(name)));
            header.append("labels=").append(String.join(",", names)).append('\n'); // names encoded one by one
            line(header, "labels.numeric", Boolean.toString(model.labels().numeric()));
        }
        line(header, "scaling", model.scaling().kind().name().toLowerCase(java.util.Locale.ROOT));
        line(header, "parameters", Integer.toString(model.theta().length));
        line(header, "features", Integer.toString(model.scaling().featureCount()));
        if (!extras.isEmpty()) {
            List<String> names = new ArrayList<>();
            extras.forEach((name, values) -> names.add(encode(name) + ":" + values.length));
            header.append("extras=").append(String.join(",", names)).append('\n');
        }
        model.provenance().entries().forEach((key, value) -> line(header, INFO_PREFIX + key, value));
        contents.checkpoint().forEach((key, value) -> line(header, INFO_PREFIX + CHECKPOINT_PREFIX + key, value));
        header.append("binary\n");
        body.write(header.toString().getBytes(StandardCharsets.UTF_8));
        long doubles = model.theta().length + 2L * model.scaling().featureCount();
        for (double[] values : extras.values()) {
            doubles += values.length;
        }
        ByteBuffer binary = ByteBuffer.allocate(Math.toIntExact(Double.BYTES * doubles)).order(ByteOrder.LITTLE_ENDIAN);
        java.nio.DoubleBuffer view = binary.asDoubleBuffer();
        view.put(model.theta()).put(model.scaling().offset()).put(model.scaling().factor());
        extras.values().forEach(view::put);
        body.write(binary.array());
        byte[] bytes = body.toByteArray();
        out.write(bytes);
        out.write(("\n" + CHECKSUM_PREFIX + HexFormat.of().formatHex(sha256(bytes, bytes.length)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a model; {@code source} names the file in errors. A truncated, corrupt or foreign file
     * is refused with an {@link IllegalArgumentException} whose message is one line.
     */
    public static Model read(InputStream in, String source) throws IOException {
        return readContents(in, source).model();
    }

    /** Reads a model with its extra arrays; refuses bad files like {@link #read}. */
    public static Contents readContents(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        int bodyEnd = verifyChecksum(bytes, source);
        int headerEnd = indexOf(bytes, "\nbinary\n".getBytes(StandardCharsets.UTF_8), bodyEnd);
        if (headerEnd < 0) {
            throw refuse(source, "the header has no end");
        }
        String[] lines = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).split("\n");
        checkMagic(lines[0], source);
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, String> checkpoint = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq < 0) {
                throw refuse(source, "header line " + (i + 1) + " is not key=value: '" + lines[i] + "'");
            }
            String key = lines[i].substring(0, eq);
            String raw = lines[i].substring(eq + 1);
            String value = key.equals("labels") || key.equals("extras") ? raw : decode(raw);
            if (key.startsWith(INFO_PREFIX + CHECKPOINT_PREFIX)) {
                checkpoint.put(key.substring(INFO_PREFIX.length() + CHECKPOINT_PREFIX.length()), value);
            } else if (key.startsWith(INFO_PREFIX)) {
                info.put(key.substring(INFO_PREFIX.length()), value);
            } else {
                header.put(key, value);
            }
        }
        try {
            return build(header, Provenance.fromEntries(info), checkpoint, bytes, headerEnd + "\nbinary\n".length(),
                    bodyEnd);
        } catch (IllegalArgumentException e) {
            throw refuse(source, e.getMessage());
        }
    }

    private static Contents build(Map<String, String> header, Provenance provenance, Map<String, String> checkpoint,
                                  byte[] bytes, int start, int end) {
        NetworkSpec spec = NetworkSpec.parse(required(header, "network"));
        int parameters = Integer.parseInt(required(header, "parameters"));
        int features = Integer.parseInt(required(header, "features"));
        if (parameters != spec.parameterCount() || features != spec.inputSize()) {
            throw new IllegalArgumentException("sizes do not match network " + spec);
        }
        Map<String, Integer> extraSizes = new LinkedHashMap<>();
        long expected = parameters + 2L * features;
        if (header.containsKey("extras")) {
            for (String entry : header.get("extras").split(",")) {
                int colon = entry.lastIndexOf(':');
                int length = Integer.parseInt(entry.substring(colon + 1));
                extraSizes.put(decode(entry.substring(0, colon)), length);
                expected += length;
            }
        }
        if (end - start != expected * Double.BYTES) {
            throw new IllegalArgumentException("the binary block has " + (end - start) + " bytes; expected "
                    + expected * Double.BYTES);
        }
        java.nio.DoubleBuffer buffer = ByteBuffer.wrap(bytes, start, end - start).order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer();
        double[] theta = new double[parameters];
        double[] offset = new double[features];
        double[] factor = new double[features];
        buffer.get(theta).get(offset).get(factor);
        Map<String, double[]> extras = new LinkedHashMap<>();
        extraSizes.forEach((name, length) -> {
            double[] values = new double[length];
            buffer.get(values);
            extras.put(name, values);
        });
        FeatureScaling scaling = new FeatureScaling(
                FeatureScaling.Kind.valueOf(required(header, "scaling").toUpperCase(java.util.Locale.ROOT)),
                offset, factor);
        return new Contents(new Model(spec, theta, labels(header), scaling, provenance), checkpoint, extras);
    }

    private static LabelIndex labels(Map<String, String> header) {
        if (!header.containsKey("labels")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : header.get("labels").split(",", -1)) {
            names.add(decode(name));
        }
        return new LabelIndex(names, Boolean.parseBoolean(header.get("labels.numeric")));
    }

    /** Checks the trailing checksum line; returns where the checksummed body ends. */
    private static int verifyChecksum(byte[] bytes, String source) {
        if (!startsWith(bytes, MAGIC + " ")) {
            throw refuse(source, "not a sparkprop model (no '" + MAGIC + "' header)");
        }
        byte[] prefix = ("\n" + CHECKSUM_PREFIX).getBytes(StandardCharsets.UTF_8);
        int bodyEnd = lastIndexOf(bytes, prefix);
        if (bodyEnd < 0 || bytes[bytes.length - 1] != '\n') {
            throw refuse(source, "the file is truncated (no checksum line at the end)");
        }
        int hexStart = bodyEnd + prefix.length;
        String written = new String(bytes, hexStart, bytes.length - 1 - hexStart, StandardCharsets.UTF_8);
        if (!HexFormat.of().formatHex(sha256(bytes, bodyEnd)).equals(written)) {
            throw refuse(source, "checksum mismatch: the file is corrupt or truncated");
        }
        return bodyEnd;
    }

    private static void checkMagic(String first, String source) {
        String[] parts = first.split(" ");
        if (parts.length != 2 || !parts[0].equals(MAGIC)) {
            throw refuse(source, "not a sparkprop model (no '" + MAGIC + "' header)");
        }
        int version;
        try {
            version = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw refuse(source, "format version '" + parts[1] + "' is not a number");
        }
        if (version < 1 || version > FORMAT_VERSION) {
            throw refuse(source, "format version " + version + " is not supported (this build reads 1.."
                    + FORMAT_VERSION + ")");
        }
    }

    private static String required(Map<String, String> header, String key) {
        String value = header.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the header has no '" + key + "'");
        }
        return value;
    }

    private static IllegalArgumentException refuse(String source, String reason) {
        return new IllegalArgumentException(source + ": " + reason);
    }

    private static void line(StringBuilder header, String key, String value) {
        header.append(key).append('=').append(encode(value)).append('\n');
    }

    /** Escapes what could break a header line or a label list: %, newline, carriage return, comma. */
    private static String encode(String value) {
        return value.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D").replace(",", "%2C");
    }

    private static String decode(String value) {
        return value.replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        return indexOf(bytes, p, Math.min(bytes.length, p.length)) == 0;
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int limit) {
        outer:
        for (int i = 0; i + pattern.length <= limit; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = bytes.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
