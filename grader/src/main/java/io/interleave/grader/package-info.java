/** The grading pipeline, stage by stage: fetch, compile, structure, run, score. */
package io.interleave.grader;
