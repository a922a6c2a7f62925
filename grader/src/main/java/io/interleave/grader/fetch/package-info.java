/** Fetch stage: takes a submission from a folder or from git, and only the student's files of an exercise from it, refusing unsafe input. */
package io.interleave.grader.fetch;
