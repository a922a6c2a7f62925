/** The grading JVM inside the sandbox: compiles, checks structure and runs tests, reporting on a channel it alone can sign. */
package io.interleave.grader.runner;
