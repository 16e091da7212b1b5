package dev.sparkprop.report;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import dev.sparkprop.nn.NetworkSpec;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The two pictures of image data that are not hidden units, drawn as {@link HiddenUnits} draws
 * those (each tile grey from its own smallest value, black, to its largest, white):
 * <ul>
 *   <li>{@link #trainingExamples}: the course exercise's first picture, {@value #EXAMPLES} training
 *       images in a 10 x 10 grid, so one sees what the network is given;
 *   <li>{@link #classTemplates}: for a network without a hidden layer, each output unit's weights
 *       Θ^(1)_{k,1..n} as an image: z_k = Θ^(1)_k x is the match of the input with that template,
 *       so the tiles show what each class looks for (light pixels raise z_k, dark ones lower it).
 * </ul>
 * Both apply to inputs that are a square image of at least 8 x 8 pixels (784 = 28 x 28 for MNIST).
 */
final class ImageTiles {

    /** Training images drawn. */
    public static final int EXAMPLES = 100;

    private ImageTiles() {
    }

    /** Whether the model's input is an image (a perfect square of at least 64 pixels). */
    public static boolean takesImages(Model model) {
        return HiddenUnits.isImage(model.spec().inputSize());
    }

    /** Whether the network has no hidden layer and takes images: its output weights are class templates. */
    public static boolean hasClassTemplates(Model model) {
        NetworkSpec spec = model.spec();
        return spec.layerCount() == 2 && takesImages(model);
    }

    /** Up to {@link #EXAMPLES} of {@code sample} as tiles, in order; null when there are none. */
    public static BufferedImage trainingExamples(Model model, List<RawExample> sample) {
        if (!takesImages(model)) {
            throw new IllegalArgumentException("network " + model.spec() + " does not take square images");
        }
        int count = Math.min(sample.size(), EXAMPLES);
        if (count == 0) {
            return null;
        }
        int pixels = model.spec().inputSize();
        double[][] rows = new double[count][pixels + 1];
        for (int n = 0; n < count; n++) {
            System.arraycopy(sample.get(n).features(), 0, rows[n], 1, pixels); // column 0 stands where a bias would
        }
        return HiddenUnits.renderRows(rows, pixels);
    }

    /** The output units' weights, one tile per class in class order ({@link #hasClassTemplates}). */
    public static BufferedImage classTemplates(Model model) {
        if (!hasClassTemplates(model)) {
            throw new IllegalArgumentException("network " + model.spec()
                    + " is not an image classifier without a hidden layer");
        }
        return HiddenUnits.renderRows(model.matrix(1), model.spec().inputSize());
    }
}
