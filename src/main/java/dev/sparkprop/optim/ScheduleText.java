package dev.sparkprop.optim;

/** Reads the text forms of {@link LearningRateSchedule}; messages here get the text quoted by the caller. */
final class ScheduleText {

    private static final String CHOICES = "choose one of constant, step:DROP:EVERY, inverse:GAMMA:POWER, cosine:TOTAL";

    private ScheduleText() {
    }

    static LearningRateSchedule parse(String text, double learningRate) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty; " + CHOICES);
        }
        String[] parts = text.trim().split(":", -1);
        return switch (parts[0].trim()) {
            case "constant" -> {
                expectParts(parts, 1, "constant");
                yield new LearningRateSchedule.Constant(learningRate);
            }
            case "step" -> {
                expectParts(parts, 3, "step:DROP:EVERY, e.g. step:0.5:1000");
                yield new LearningRateSchedule.StepDecay(learningRate, number("DROP", parts[1]), count("EVERY", parts[2]));
            }
            case "inverse" -> {
                expectParts(parts, 3, "inverse:GAMMA:POWER, e.g. inverse:0.001:0.75");
                yield new LearningRateSchedule.InverseDecay(learningRate, number("GAMMA", parts[1]),
                        number("POWER", parts[2]));
            }
            case "cosine" -> {
                expectParts(parts, 2, "cosine:TOTAL, e.g. cosine:10000");
                yield new LearningRateSchedule.Cosine(learningRate, count("TOTAL", parts[1]));
            }
            default -> throw new IllegalArgumentException("unknown; " + CHOICES);
        };
    }

    /** The name and its parameters: {@code count} parts separated by ':'. */
    private static void expectParts(String[] parts, int count, String form) {
        if (parts.length != count) {
            throw new IllegalArgumentException("expected " + form);
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number", e);
        }
    }

    private static long count(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number of steps", e);
        }
    }

    static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step + ": the step count starts at 0");
        }
    }
}
