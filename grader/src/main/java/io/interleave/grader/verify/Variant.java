package io.interleave.grader.verify;

import java.nio.file.Path;

/** A reference solution or known-wrong variant: {@code solutions/<slug>/<name>/}, laid out like an exercise folder. */
public record Variant(String slug, String name, Path dir, Expectation expectation) {
}
