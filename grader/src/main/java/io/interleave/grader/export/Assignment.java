package io.interleave.grader.export;

/** One exercise as a column of an export: its slug, its title and its points. */
public record Assignment(String slug, String title, int maxScore) {
}
