package io.interleave.grader.roster;

/** What is wrong with one line of a roster, and how to fix it. */
public record RosterProblem(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
