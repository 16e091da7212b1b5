package dev.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {

    @Test
    void formatsLineAndWholeFileProblemsOnOneLine() {
        DataFormatException atLine = new DataFormatException("a.csv", 3, "bad \"x\ny\"");
        assertEquals("a.csv:3: bad \"x y\"", atLine.getMessage());
        assertEquals("a.csv", atLine.source());
        assertEquals(3, atLine.line());
        DataFormatException atFile = new DataFormatException("a.csv", "file is empty");
        assertEquals("a.csv: file is empty", atFile.getMessage());
        assertEquals(DataFormatException.WHOLE_FILE, atFile.line());
        assertThrows(IllegalArgumentException.class, () -> new DataFormatException("a", 0, "p"));
    }

    @Test
    void findsTheOriginalInTheCauseChain() {
        DataFormatException original = new DataFormatException("a.libsvm", 3, "empty line");
        SparkException failure = new SparkException("Job aborted", new RuntimeException(original));
        assertSame(original, DataReader.unwrap(failure));
    }

    @Test
    void rebuildsTheOriginalFromSparksMessageText() {
        SparkException failure = new SparkException("Job aborted due to stage failure: Task 1 in"
                + " stage 2.0 failed 1 times, most recent failure: Lost task 1.0 (TID 5)"
                + " (127.0.0.1 executor driver): dev.sparkprop.data.DataFormatException:"
                + " hdfs://nn:8020/d/x.libsvm:7777: feature index 9 is beyond the declared feature"
                + " count 8\n\tat dev.sparkprop.data.LibsvmParser.index(LibsvmParser.java:99)\n");
        DataFormatException found = assertInstanceOf(DataFormatException.class,
                DataReader.unwrap(failure));
        assertEquals("hdfs://nn:8020/d/x.libsvm:7777: feature index 9 is beyond the declared"
                + " feature count 8", found.getMessage());
        assertEquals("hdfs://nn:8020/d/x.libsvm", found.source());
        assertEquals(7777, found.line());
    }

    @Test
    void rebuildsAWholeFileProblemFromText() {
        SparkException failure = new SparkException(
                "boom: dev.sparkprop.data.DataFormatException: file:/d/x.csv: file is empty");
        DataFormatException found = DataFormatException.findIn(failure).orElseThrow();
        assertEquals("file:/d/x.csv: file is empty", found.getMessage());
        assertEquals("file:/d/x.csv", found.source());
        assertEquals(DataFormatException.WHOLE_FILE, found.line());
    }

    @Test
    void leavesOtherFailuresAlone() {
        IllegalStateException unrelated = new IllegalStateException("out of disk");
        assertFalse(DataFormatException.findIn(unrelated).isPresent());
        assertSame(unrelated, DataReader.unwrap(unrelated));
        SparkException checked = new SparkException("Job aborted: java.lang.OutOfMemoryError");
        RuntimeException wrapped = DataReader.unwrap(checked);
        assertSame(checked, wrapped.getCause());
        assertEquals(checked.toString(), wrapped.getMessage());
    }

    @Test
    void performRethrowsTheUnwrappedProblem() {
        DataFormatException original = new DataFormatException("a.csv", 2, "empty line");
        DataFormatException thrown = assertThrows(DataFormatException.class,
                () -> DataReader.perform(() -> {
                    throw new IllegalStateException(new RuntimeException(original));
                }));
        assertSame(original, thrown);
        assertEquals(42, DataReader.<Integer>perform(() -> 42));
    }
}
