package dev.sparkprop.model;

import dev.sparkprop.nn.NetworkSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Θ as plain text, one matrix per layer in the notes' layout, so weights can be set by hand (the
 * AND/OR/XOR networks of the notes), or compared with Octave and NumPy ({@code np.loadtxt} of one
 * block):
 *
 * <pre>
 *   # network: 2-2:sigmoid-1:sigmoid
 *   # Theta(1): 2 x 3, bias first
 *   -10  20  20
 *    30 -20 -20
 *
 *   # Theta(2): 1 x 3, bias first
 *   -30  20  20
 * </pre>
 *
 * Row i of block l holds Θ^(l)_i0 (the bias) .. Θ^(l)_is_l; below a maxout:K layer a unit has K
 * rows, one per piece, adjacent ({@link NetworkSpec}). A network with batch-normalized
 * layers ({@code 2-4:sigmoid:bn-1:sigmoid}) has, after the Θ blocks, one block per such layer l
 * in order, {@code # BatchNorm(l): s_l x 4, gamma beta mean variance}: row i holds γ_i, β_i and
 * the running mean μ̄_i and variance σ̄²_i. Blank lines separate the matrices;
 * lines starting with {@code #} are comments, except {@code # network: SPEC}, which names the
 * network when the reader is not told it. Numbers are written so they read back exactly.
 */
public final class ThetaText {

    private static final String NETWORK_PREFIX = "# network:";

    private ThetaText() {
    }

    /** Writes every Θ^(l) of {@code model}. */
    public static void write(Model model, Writer out) throws IOException {
        NetworkSpec spec = model.spec();
        out.write(NETWORK_PREFIX + " " + spec + "\n");
        for (int l = 1; l < spec.layerCount(); l++) {
            if (l > 1) {
                out.write("\n");
            }
            out.write("# Theta(" + l + "): " + spec.thetaRows(l) + " x " + spec.thetaColumns(l) + ", bias first"
                    + (spec.pieces(l + 1) > 1 ? "; " + spec.pieces(l + 1) + " rows (pieces) per unit of layer "
                    + (l + 1) : "") + "\n");
            for (double[] row : model.matrix(l)) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < row.length; j++) {
                    line.append(j == 0 ? "" : " ").append(row[j]);
                }
                out.write(line.append('\n').toString());
            }
        }
        for (int l : spec.normalizedLayerNumbers()) {
            out.write("\n# BatchNorm(" + l + "): " + spec.units(l) + " x 4, gamma beta mean variance\n");
            for (double[] row : spec.normalizationMatrix(model.theta(), l)) {
                out.write(row[0] + " " + row[1] + " " + row[2] + " " + row[3] + "\n");
            }
        }
    }

    /**
     * Reads Θ for {@code spec}, or for the file's own {@code # network:} line when {@code spec}
     * is null, as a model of weights alone ({@link Model#of}: classes 0..C-1, no scaling) whose
     * provenance notes {@code imported-from=SOURCE}. Errors name {@code source}, the line and
     * the problem.
     */
    public static Model read(Reader in, String source, NetworkSpec spec) throws IOException {
        List<List<double[]>> blocks = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        NetworkSpec named = null;
        BufferedReader lines = new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String text = line.trim();
            if (text.startsWith(NETWORK_PREFIX)) {
                named = parseSpec(source, number, text.substring(NETWORK_PREFIX.length()).trim());
            } else if (text.isEmpty() || text.startsWith("#")) {
                if (text.isEmpty() && !current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(parseRow(source, number, text));
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        NetworkSpec target = spec != null ? spec : named;
        if (target == null) {
            throw new IllegalArgumentException(source + ": no '# network: SPEC' line and no network given");
        }
        int normalized = target.normalizedLayerNumbers().length;
        if (blocks.size() != target.layerCount() - 1 + normalized) {
            throw new IllegalArgumentException(source + ": " + blocks.size() + " matrices; network " + target
                    + " needs " + (target.layerCount() - 1)
                    + (normalized == 0 ? "" : " and " + normalized + " batch-normalization blocks"));
        }
        double[][][] matrices = new double[blocks.size()][][];
        for (int l = 0; l < blocks.size(); l++) {
            matrices[l] = blocks.get(l).toArray(new double[0][]);
        }
        try {
            return Model.of(target, target.flatten(matrices), Provenance.importedFrom(source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static NetworkSpec parseSpec(String source, int line, String text) {
        try {
            return NetworkSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ":" + line + ": " + e.getMessage(), e);
        }
    }

    private static double[] parseRow(String source, int line, String text) {
        String[] fields = text.split("[\\s,]+");
        double[] row = new double[fields.length];
        for (int j = 0; j < fields.length; j++) {
            try {
                row[j] = Double.parseDouble(fields[j]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ":" + line + ": '" + fields[j] + "' is not a number", e);
            }
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(source + ":" + line + ": '" + fields[j] + "' is not finite");
            }
        }
        return row;
    }
}
