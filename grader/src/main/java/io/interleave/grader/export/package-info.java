/** Class grading's exports: the gradebook as Canvas's and Moodle's grade import CSV files, or a plain CSV. */
package io.interleave.grader.export;
