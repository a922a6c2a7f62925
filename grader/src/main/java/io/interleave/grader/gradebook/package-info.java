/** Class grading's store: one row per student x exercise x commit x grader version, in SQLite or PostgreSQL over JDBC. */
package io.interleave.grader.gradebook;
