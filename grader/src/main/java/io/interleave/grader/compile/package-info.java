/** Compile stage: compiles submission and grader sources in memory with javax.tools. */
package io.interleave.grader.compile;
