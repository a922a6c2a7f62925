/** Class grading's roster: reads and validates the class's CSV, and resolves each student's repository and deadline. */
package io.interleave.grader.roster;
