/** Sandbox backends that confine the grading JVM (bubblewrap, none) and the resource limits they apply. */
package io.interleave.grader.sandbox;
