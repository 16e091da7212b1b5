package dev.sparkprop.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Class names and their indices 0..C-1, kept with the model so predictions can be reported with
 * the names the data used.
 *
 * <p>Numeric labels that are whole numbers are taken as the class index itself (MNIST's digits,
 * LIBSVM's 0..K-1), and must lie in 0..C-1. Any other labels (e.g. {@code Iris-setosa}) are
 * sorted and numbered in that order; there must be exactly C of them. C is the number of
 * outputs K, except that a single sigmoid output is a yes/no classifier with C = 2.
 *
 * @param names {@code names.get(c)} is the label text of class c
 * @param numeric whether the labels are the class indices themselves
 */
public record LabelIndex(List<String> names, boolean numeric) implements Serializable {

    /** Copies the names. */
    public LabelIndex {
        names = List.copyOf(names);
    }

    /**
     * Fits the index to the distinct labels of the training data for a network with
     * {@code classes} classes. Whole-number labels are not checked here: {@link #indexOf} refuses
     * those outside 0..C-1, and the caller reports the row.
     */
    public static LabelIndex fit(Collection<String> distinctLabels, int classes) {
        boolean allWhole = distinctLabels.stream().allMatch(LabelIndex::isWholeNumber);
        if (allWhole) {
            return numbered(classes); // indexOf refuses labels outside 0..C-1
        }
        TreeSet<String> sorted = new TreeSet<>(distinctLabels);
        if (sorted.size() != classes) {
            throw new IllegalArgumentException("the data has " + sorted.size() + " classes " + preview(sorted)
                    + " but the network's output layer is for " + classes);
        }
        return new LabelIndex(new ArrayList<>(sorted), false);
    }

    /** Classes that are their own numbers: 0..C-1 for {@code classes} = C. */
    public static LabelIndex numbered(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return new LabelIndex(names, true);
    }

    /** The number of classes C. */
    public int size() {
        return names.size();
    }

    /** The class index of {@code label}; an unknown label is an error quoting it. */
    public int indexOf(String label) {
        if (numeric) {
            if (!isWholeNumber(label)) {
                throw new IllegalArgumentException("label '" + label + "' is not a class number 0.." + (size() - 1));
            }
            double value = Double.parseDouble(label);
            if (value < 0 || value >= size()) {
                throw new IllegalArgumentException("label " + label + " is outside 0.." + (size() - 1)
                        + " (the output layer has " + size() + " classes)");
            }
            return (int) value;
        }
        int index = names.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not one of the " + size()
                    + " classes " + preview(names));
        }
        return index;
    }

    /** The label text of class {@code index}. */
    public String name(int index) {
        return names.get(index);
    }

    private static boolean isWholeNumber(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String preview(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.size() <= 10 ? list.toString()
                : list.subList(0, 10).toString().replace("]", ", ...]");
    }
}
