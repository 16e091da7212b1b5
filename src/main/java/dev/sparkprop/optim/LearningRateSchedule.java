package dev.sparkprop.optim;

/**
 * α as a pure function of the step count t = 0, 1, 2, ... (steps taken before this one, over the
 * whole run, not per epoch). The base rate α is the {@code learning-rate} key; the {@code schedule}
 * key picks the shape:
 *
 * <pre>
 *   constant                 α
 *   step:DROP:EVERY          α · DROP^floor(t / EVERY)      e.g. step:0.5:1000 halves α every 1000 steps
 *   inverse:GAMMA:POWER      α · (1 + GAMMA t)^-POWER        e.g. inverse:0.001:0.75
 *   cosine:TOTAL             α · ½ (1 + cos(π min(t, TOTAL) / TOTAL))   from α down to 0 at TOTAL, then 0
 * </pre>
 *
 * A {@code warmup} of W &gt; 0 steps puts a linear ramp first: α (t + 1) / W for t &lt; W, which
 * goes α/W, 2α/W, ..., α; the shape above then starts at its own step 0 (so it is evaluated at
 * t - W), and α is continuous where the two meet. A ramp keeps the first, largest gradients of a
 * fresh network (and Adam's noisy first moments) from throwing θ far off.
 */
public sealed interface LearningRateSchedule {

    /** α at step t ≥ 0 (0-based). */
    double rate(long step);

    /** The base rate α the shape starts from. */
    double learningRate();

    /** The {@code schedule} text that {@link #parse} reads back (without α and warm-up, which have their own keys). */
    String text();

    /**
     * Reads a {@code schedule} value (see the class doc) for base rate {@code learningRate} and
     * {@code warmup} steps of linear warm-up (0 for none). Errors quote the text.
     */
    static LearningRateSchedule parse(String text, double learningRate, long warmup) {
        Optimizers.requireLearningRate(learningRate);
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup=" + warmup + ": must be >= 0");
        }
        LearningRateSchedule shape;
        try {
            shape = ScheduleText.parse(text, learningRate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule=" + text + ": " + e.getMessage(), e);
        }
        return warmup == 0 ? shape : new WarmUp(warmup, shape);
    }

    /** α at every step. */
    record Constant(double learningRate) implements LearningRateSchedule {
        public Constant {
            Optimizers.requireLearningRate(learningRate);
        }

        @Override
        public double rate(long step) {
            ScheduleText.checkStep(step);
            return learningRate;
        }

        @Override
        public String text() {
            return "constant";
        }
    }

    /** α · drop^floor(t / every): α falls by the factor {@code drop} every {@code every} steps. */
    record StepDecay(double learningRate, double drop, long every) implements LearningRateSchedule {
        public StepDecay {
            Optimizers.requireLearningRate(learningRate);
            if (!(drop > 0 && drop <= 1)) {
                throw new IllegalArgumentException("DROP must be in (0, 1]; got " + drop);
            }
            if (every < 1) {
                throw new IllegalArgumentException("EVERY must be >= 1 step; got " + every);
            }
        }

        @Override
        public double rate(long step) {
            ScheduleText.checkStep(step);
            return learningRate * Math.pow(drop, step / every); // long division: floor for t >= 0
        }

        @Override
        public String text() {
            return "step:" + drop + ":" + every;
        }
    }

    /** α · (1 + γ t)^-p, the classical Robbins–Monro style decay (Caffe's "inv"). */
    record InverseDecay(double learningRate, double gamma, double power) implements LearningRateSchedule {
        public InverseDecay {
            Optimizers.requireLearningRate(learningRate);
            if (!(gamma >= 0 && Double.isFinite(gamma))) {
                throw new IllegalArgumentException("GAMMA must be a finite number >= 0; got " + gamma);
            }
            if (!(power >= 0 && Double.isFinite(power))) {
                throw new IllegalArgumentException("POWER must be a finite number >= 0; got " + power);
            }
        }

        @Override
        public double rate(long step) {
            ScheduleText.checkStep(step);
            return learningRate * Math.pow(1.0 + gamma * step, -power);
        }

        @Override
        public String text() {
            return "inverse:" + gamma + ":" + power;
        }
    }

    /** α · ½ (1 + cos(π min(t, T) / T)): half a cosine from α to 0 over T steps (SGDR without restarts). */
    record Cosine(double learningRate, long total) implements LearningRateSchedule {
        public Cosine {
            Optimizers.requireLearningRate(learningRate);
            if (total < 1) {
                throw new IllegalArgumentException("TOTAL must be >= 1 step; got " + total);
            }
        }

        @Override
        public double rate(long step) {
            ScheduleText.checkStep(step);
            return learningRate * 0.5 * (1.0 + Math.cos(Math.PI * Math.min(step, total) / total));
        }

        @Override
        public String text() {
            return "cosine:" + total;
        }
    }

    /** α (t + 1) / W for t &lt; W, then {@code then} at t - W. */
    record WarmUp(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        public WarmUp {
            if (steps < 1) {
                throw new IllegalArgumentException("warmup=" + steps + ": a warm-up needs >= 1 step");
            }
            if (then == null) {
                throw new IllegalArgumentException("a warm-up needs the schedule that follows it");
            }
        }

        @Override
        public double rate(long step) {
            ScheduleText.checkStep(step);
            return step < steps ? then.learningRate() * (step + 1) / steps : then.rate(step - steps);
        }

        @Override
        public double learningRate() {
            return then.learningRate();
        }

        @Override
        public String text() {
            return then.text();
        }
    }
}
