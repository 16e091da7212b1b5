package dev.sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact sum is correctly rounded and the same bits in any order and any grouping. */
class ExactSumTest {

    private static List<Double> terms(long seed) {
        Random random = new Random(seed);
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            terms.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4));
        }
        return terms;
    }

    private static double correctlyRounded(List<Double> terms) {
        BigDecimal exact = BigDecimal.ZERO;
        for (double term : terms) {
            exact = exact.add(new BigDecimal(term));
        }
        return exact.round(MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void isTheCorrectlyRoundedSum() {
        for (long seed = 1; seed <= 5; seed++) {
            ExactSum sum = new ExactSum();
            terms(seed).forEach(sum::add);
            assertEquals(correctlyRounded(terms(seed)), sum.value(), 0.0, "seed " + seed);
        }
        ExactSum tenths = new ExactSum();
        for (int i = 0; i < 10; i++) {
            tenths.add(0.1);
        }
        assertEquals(1.0, tenths.value(), 0.0); // the plain loop gives 0.9999999999999999
    }

    @Test
    void anyOrderAndAnyGroupingGiveTheSameBits() {
        List<Double> terms = terms(7);
        ExactSum inOrder = new ExactSum();
        terms.forEach(inOrder::add);
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            List<Double> shuffled = new ArrayList<>(terms);
            Collections.shuffle(shuffled, random);
            int cut = random.nextInt(shuffled.size());
            ExactSum left = new ExactSum();
            ExactSum right = new ExactSum();
            shuffled.subList(0, cut).forEach(left::add);
            shuffled.subList(cut, shuffled.size()).forEach(right::add);
            right.add(left);
            assertEquals(Double.doubleToRawLongBits(inOrder.value()), Double.doubleToRawLongBits(right.value()),
                    "trial " + trial);
        }
    }

    @Test
    void nonFiniteTermsSumAsDoublesDo() {
        ExactSum sum = new ExactSum();
        sum.add(1.0);
        sum.add(Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, sum.value());
        sum.add(Double.NEGATIVE_INFINITY);
        assertEquals(Double.NaN, sum.value());
        assertEquals(0.0, new ExactSum().value());
    }
}
