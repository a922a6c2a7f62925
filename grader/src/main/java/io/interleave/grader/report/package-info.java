/** Report stage: the report model and its writers (text, JSON). */
package io.interleave.grader.report;
