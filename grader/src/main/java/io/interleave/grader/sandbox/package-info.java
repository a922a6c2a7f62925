/** Sandbox backends that confine the grading JVM (Docker, bubblewrap, the grader image's own container, none) and the limits they apply. */
package io.interleave.grader.sandbox;
