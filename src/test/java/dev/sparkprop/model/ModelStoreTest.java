package dev.sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @Test
    void savesIntoADirectoryThatLoadReadsBackExactly(@TempDir Path dir) throws IOException {
        Model model = ModelFileTest.irisLikeModel();
        String data = dir.resolve("data").toString();

        ModelStore.save(model, data, new Configuration());
        Model back = ModelStore.load(data, new Configuration());

        assertArrayEquals(model.theta(), back.theta(), 0.0);
        assertEquals(model.labels(), back.labels());
        assertEquals(model.provenance(), back.provenance());
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            assertEquals(List.of("model.sparkprop"), files.map(p -> p.getFileName().toString()).toList(),
                    "no Hadoop .crc side file: the model file has its own checksum");
        }
    }

    @Test
    void replacesTheModelFileAndRefusesADirectoryWithout(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        Model first = ModelFileTest.irisLikeModel();
        ModelStore.save(first, data, new Configuration());
        double[] theta = first.theta().clone();
        theta[0] += 1;
        ModelStore.save(new Model(first.spec(), theta, first.labels(), first.scaling(), first.provenance()), data,
                new Configuration());

        assertEquals(theta[0], ModelStore.load(data, new Configuration()).theta()[0], 0.0);
        Files.createDirectory(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelStore.load(dir.resolve("empty").toString(), new Configuration()));
        assertEquals(dir.resolve("empty") + ": a directory without model.sparkprop", e.getMessage());
    }
}
