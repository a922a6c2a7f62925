package io.interleave.grader.roster;

import java.util.List;

/** A roster that cannot be used: every problem found in it, so that all of them are fixed at once. */
public final class RosterException extends Exception {
    private final transient List<RosterProblem> problems;

    public RosterException(String file, List<RosterProblem> problems) {
        super(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        this.problems = List.copyOf(problems);
    }

    public List<RosterProblem> problems() {
        return problems;
    }
}
