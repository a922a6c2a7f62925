/** Run stage on the grader's side: starts the grading JVM in a sandbox, enforces the wall-clock limit, reads the signed results. */
package io.interleave.grader.run;
