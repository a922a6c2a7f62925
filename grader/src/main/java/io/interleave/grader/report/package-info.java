/** Report stage: the report model, what students may see of it, and its writers (text, JSON, Gradescope, Classroom, Exercism, JUnit XML, Markdown). */
package io.interleave.grader.report;
