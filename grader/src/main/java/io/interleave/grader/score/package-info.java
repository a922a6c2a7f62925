/** Score stage: turns the checks an exercise expects and the results that reported into statuses and points. */
package io.interleave.grader.score;
