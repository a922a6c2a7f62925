package io.interleave.grader.fetch;

import io.interleave.grader.report.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files of one commit checked out in a private temporary folder, and what was checked out; closing deletes it. */
public record GitCheckout(Path root, Path dir, Submission submission) implements AutoCloseable {
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkout " + root, e);
        }
    }
}
