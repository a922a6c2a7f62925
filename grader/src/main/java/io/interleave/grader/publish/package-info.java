/** Publish stage: puts a report where people see it: git hook output, pull-request comments, job summaries, annotations. */
package io.interleave.grader.publish;
