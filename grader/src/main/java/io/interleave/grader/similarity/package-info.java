/** Class grading's similarity check: JPlag over each exercise's student files, the exercise's stub as base code. */
package io.interleave.grader.similarity;
