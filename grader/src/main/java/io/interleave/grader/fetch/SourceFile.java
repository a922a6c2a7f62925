package io.interleave.grader.fetch;

/** A source file taken into a grading run: its path relative to the exercise, its role and its text. */
public record SourceFile(String path, Role role, String content) {

    /** Who owns a source file, which decides where it comes from and how it is checked. */
    public enum Role {
        /** Written by the student and taken from the submission. */
        STUDENT,
        /** Given by the exercise; always the grader's copy. */
        GIVEN,
        /** A public test; always the grader's copy. */
        PUBLIC_TEST,
        /** A hidden test, never shown to students. */
        HIDDEN_TEST,
        /** A jcstress test or its generated harness, never shown to students. */
        STRESS_TEST;

        public boolean isStudent() {
            return this == STUDENT;
        }
    }
}
