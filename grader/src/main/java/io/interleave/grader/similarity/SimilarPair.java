package io.interleave.grader.similarity;

/** Two students whose files for one exercise JPlag found alike, with its average similarity in percent. */
public record SimilarPair(String exercise, String studentA, String studentB, double percent) {
}
