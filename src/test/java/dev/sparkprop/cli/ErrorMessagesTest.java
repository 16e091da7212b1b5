package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The one line a failed job (exit 1) is reported with. */
class ErrorMessagesTest {

    @Test
    void ourOwnMessagesPrintAsTheyAre() {
        assertEquals("the cost became NaN at step 3; lower the learning rate (now 5.0)",
                ErrorMessages.failure(new ArithmeticException("the cost became NaN at step 3; lower the learning rate (now 5.0)")));
        assertEquals("line 7: 3 features; the network takes 2",
                ErrorMessages.failure(new IllegalArgumentException("line 7: 3 features; the network takes 2")));
    }

    @Test
    void sparksTaskFailureWrapperGivesWayToItsCause() {
        IllegalArgumentException cause = new IllegalArgumentException("line 7: 3 features; the network takes 2");
        SparkException wrapper = new SparkException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times,"
                + " most recent failure: " + cause + "\n\tat dev.sparkprop.Reader.read(Reader.java:1)", cause);

        assertEquals("line 7: 3 features; the network takes 2", ErrorMessages.failure(wrapper));
    }

    @Test
    void otherExceptionsKeepTheirNameAndOnlyTheFirstLine() {
        UncheckedIOException e = new UncheckedIOException("cannot write out/xor\nsecond line",
                new FileNotFoundException("out/xor"));

        assertEquals("UncheckedIOException: cannot write out/xor", ErrorMessages.failure(e));
        assertEquals("java.lang.NullPointerException", ErrorMessages.failure(new NullPointerException()));
    }
}
