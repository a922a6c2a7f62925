/** Class grading's report: one self-contained HTML file of where the class stands and struggles, charted by Apache ECharts. */
package io.interleave.grader.classreport;
