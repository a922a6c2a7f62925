/** Verification of the reference solutions and known-wrong variants against the verdicts they declare. */
package io.interleave.grader.verify;
