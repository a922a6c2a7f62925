package io.interleave.grader.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the variants under a solutions folder: every {@code <slug>/<name>/expected.json}. */
public final class VariantCatalog {
    private static final ObjectMapper READER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private VariantCatalog() {
    }

    public static List<Variant> discover(Path solutions) throws IOException {
        List<Variant> variants = new ArrayList<>();
        try (Stream<Path> slugs = Files.list(solutions)) {
            for (Path slugDir : slugs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> names = Files.list(slugDir)) {
                    for (Path dir : names.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList()) {
                        Expectation expectation;
                        try {
                            expectation = READER.readValue(dir.resolve("expected.json").toFile(), Expectation.class);
                        } catch (IOException | IllegalArgumentException e) {
                            throw new IllegalArgumentException(dir.resolve("expected.json") + " is invalid: " + e.getMessage(), e);
                        }
                        variants.add(new Variant(slugDir.getFileName().toString(), dir.getFileName().toString(), dir, expectation));
                    }
                }
            }
        }
        return variants;
    }
}
