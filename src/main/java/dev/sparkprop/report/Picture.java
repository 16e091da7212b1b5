package dev.sparkprop.report;

/**
 * One picture of a run report: its file name next to the model, a title and a caption for the
 * HTML page, and the PNG bytes.
 *
 * @param fileName e.g. {@code learning-curves.png}
 * @param title the heading it gets in {@code report.html}
 * @param caption one or two sentences on how to read it
 * @param png the encoded image
 */
record Picture(String fileName, String title, String caption, byte[] png) {
}
