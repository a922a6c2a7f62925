/** The command line: picocli commands, shared options and the exit codes. */
package io.interleave.grader.cli;
