package io.interleave.grader.roster;

import java.time.Instant;

/** One roster row: who the student is, where their work is, and their own deadline (null: the class's). */
public record Student(int line, String id, String name, String email, String section, Repository repository, Instant due) {
}
