/** Fetch stage: takes only the student's files of an exercise from a submission, refusing unsafe input. */
package io.interleave.grader.fetch;
