package dev.sparkprop.report;

import dev.sparkprop.data.RawExample;
import dev.sparkprop.model.Model;
import java.awt.AWTError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The pictures and the HTML page a run leaves next to its model, whichever apply:
 *
 * <pre>
 *   learning-curves.png     cost and accuracy (or RMSE) per epoch, train and validation   metrics lines
 *   hidden-units.png        the first hidden layer's weights as image tiles               a hidden layer
 *   confusion-matrix.png    the confusion counts as a heat map                            a confusion matrix
 *   decision-boundary.png   the prediction over the input plane, points on top           2 inputs
 *   fitted-curve.png        h(x) as a line over the training points                      regression on 1 input
 *   training-examples.png   100 training images as tiles                                 square-image inputs
 *   class-templates.png     each output unit's weights as an image tile                  images, no hidden layer
 *   confusion.json          the confusion counts, for the run page opened later          a confusion matrix
 *   report.html             the run page ({@link RunPage}) and all of the above, embedded  always
 * </pre>
 *
 * A picture that cannot be drawn (a JVM without fonts, say) costs that picture only: a warning
 * line goes to the log and into the page, and the model is still written.
 */
public final class RunReport {

    public static final String LEARNING_CURVES = "learning-curves.png";
    public static final String HIDDEN_UNITS = "hidden-units.png";
    public static final String CONFUSION_MATRIX = "confusion-matrix.png";
    public static final String DECISION_BOUNDARY = "decision-boundary.png";
    public static final String FITTED_CURVE = "fitted-curve.png";
    public static final String TRAINING_EXAMPLES = "training-examples.png";
    public static final String CLASS_TEMPLATES = "class-templates.png";
    public static final String CONFUSION_COUNTS = "confusion.json";
    public static final String HTML = "report.html";
    /** The training images {@link #TRAINING_EXAMPLES} draws: give the report this many rows of an image input. */
    public static final int IMAGES_DRAWN = ImageTiles.EXAMPLES;

    /**
     * What a report is drawn from.
     *
     * @param model the trained model; its info supplies the config and the final metrics
     * @param metricsLines the run's {@code metrics.jsonl} lines
     * @param confusion the final confusion counts, or null (regression, or none computed)
     * @param sample training rows (raw features, label text): the points of a 2-input model's plane
     *     or a 1-input model's curve (up to {@link DecisionBoundary#MAX_POINTS} are drawn), the
     *     images of an image model (the first {@link ImageTiles#EXAMPLES}); may be empty
     */
    public record Contents(Model model, List<String> metricsLines, ConfusionMatrix confusion,
                           List<RawExample> sample) {

        /** Copies the lists. */
        public Contents {
            metricsLines = List.copyOf(metricsLines);
            sample = sample == null ? List.of() : List.copyOf(sample);
        }
    }

    private RunReport() {
    }

    /**
     * Writes the pictures that apply and {@code report.html} into {@code directory} on {@code fs}
     * (existing files are replaced), and returns the names written. Pictures that cannot be
     * drawn are reported on {@code log} as one warning line each.
     */
    public static List<String> write(Contents contents, FileSystem fs, Path directory, PrintStream log)
            throws IOException {
        List<String> notes = new ArrayList<>();
        List<Picture> pictures = pictures(contents, notes);
        List<String> written = new ArrayList<>();
        for (Picture picture : pictures) {
            writeFile(fs, new Path(directory, picture.fileName()), picture.png());
            written.add(picture.fileName());
        }
        if (contents.confusion() != null) {
            writeFile(fs, new Path(directory, CONFUSION_COUNTS),
                    RunPage.toJson(RunPage.confusion(contents.confusion())).getBytes(StandardCharsets.UTF_8));
            written.add(CONFUSION_COUNTS);
        }
        for (String note : notes) {
            log.println("sparkprop: warning: " + note);
        }
        String html = HtmlReport.render(contents.model(), contents.metricsLines(), pictures, contents.confusion(), notes);
        writeFile(fs, new Path(directory, HTML), html.getBytes(StandardCharsets.UTF_8));
        written.add(HTML);
        return written;
    }

    /** Whether {@code inputs} are a square image's pixels (at least 8 x 8), so training examples are drawn. */
    public static boolean takesImages(int inputs) {
        return HiddenUnits.isImage(inputs);
    }

    /** Draws the pictures that apply to {@code contents}, in memory; adds a note for each that failed. */
    public static List<Picture> pictures(Contents contents, List<String> notes) {
        Model model = contents.model();
        List<Picture> pictures = new ArrayList<>();
        draw(pictures, notes, LEARNING_CURVES, "Learning curves",
                "The cost J and the accuracy (or RMSE) after each epoch. Training values are those the epoch's"
                        + " steps saw as they ran; validation values are a full pass at the epoch's end.",
                () -> LearningCurves.render(contents.metricsLines()));
        if (HiddenUnits.applies(model.spec())) {
            draw(pictures, notes, HIDDEN_UNITS, "Hidden units",
                    "Each tile is one unit of the first hidden layer: its incoming weights (bias left out),"
                            + " black at the tile's smallest weight and white at its largest.",
                    () -> HiddenUnits.render(model));
        }
        if (contents.confusion() != null) {
            draw(pictures, notes, CONFUSION_MATRIX, "Confusion matrix",
                    "Rows: the actual class; columns: the predicted one; the diagonal is right ("
                            + contents.confusion().dataset() + " examples).",
                    () -> ConfusionHeatMap.render(contents.confusion()));
        }
        if (DecisionBoundary.applies(model)) {
            draw(pictures, notes, DECISION_BOUNDARY, "Decision boundary",
                    model.isClassification()
                            ? "The class the network predicts at each point of the input plane (paler where it is"
                                    + " less sure), the boundary between classes as a dark line, and training points."
                            : "The value the network predicts at each point of the input plane, with training points.",
                    () -> DecisionBoundary.render(model, contents.sample()));
        }
        if (FittedCurve.applies(model)) {
            draw(pictures, notes, FITTED_CURVE, "Fitted curve",
                    "The function the network computes, h(x), as a line over the training points (x, y).",
                    () -> FittedCurve.render(model, contents.sample()));
        }
        if (ImageTiles.takesImages(model)) {
            draw(pictures, notes, TRAINING_EXAMPLES, "Training examples",
                    "Training images as the network gets them (before scaling), each tile black at its smallest"
                            + " pixel and white at its largest.",
                    () -> ImageTiles.trainingExamples(model, contents.sample()));
        }
        if (ImageTiles.hasClassTemplates(model)) {
            draw(pictures, notes, CLASS_TEMPLATES, "Class templates",
                    "Each tile is one output unit's weights (bias left out), in class order: the image the"
                            + " unit's z matches the input against, black at its most negative weight and white at"
                            + " its most positive.",
                    () -> ImageTiles.classTemplates(model));
        }
        return pictures;
    }

    /**
     * Adds the picture {@code image} draws (nothing if it draws null), or a note when drawing
     * fails. AWT reports a missing font or native library as an Error (UnsatisfiedLinkError,
     * InternalError, AWTError), so those are caught too: a picture is not worth the model.
     */
    private static void draw(List<Picture> pictures, List<String> notes, String fileName, String title, String caption,
                             Supplier<BufferedImage> image) {
        try {
            BufferedImage drawn = image.get();
            if (drawn != null) {
                pictures.add(new Picture(fileName, title, caption, Png.encode(drawn)));
            }
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            notes.add("report: could not draw " + fileName + ": " + e);
        }
    }

    private static void writeFile(FileSystem fs, Path path, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }
}
