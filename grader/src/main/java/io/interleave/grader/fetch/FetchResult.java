package io.interleave.grader.fetch;

import java.util.List;

/** The outcome of taking an exercise's files from a submission. */
public sealed interface FetchResult {

    /** The student's files were taken; {@code notes} says what was ignored. */
    record Accepted(List<SourceFile> studentFiles, List<String> notes) implements FetchResult {
        public Accepted {
            studentFiles = List.copyOf(studentFiles);
            notes = List.copyOf(notes);
        }
    }

    /** The submission cannot be graded as it is; every refusal names a file and the fix. */
    record Refused(List<Refusal> refusals) implements FetchResult {
        public Refused {
            refusals = List.copyOf(refusals);
        }
    }
}
