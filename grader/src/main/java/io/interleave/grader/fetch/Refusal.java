package io.interleave.grader.fetch;

/** Why a file of a submission was not taken: the file (relative to the exercise folder) and what to do. */
public record Refusal(String path, String problem) {
    @Override
    public String toString() {
        return path + ": " + problem;
    }
}
